package io.textcluster.job;

import io.textcluster.io.RunRecord;
import io.textcluster.io.RunsTable;
import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.textcluster.config.OutputConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.io.AttemptWrites;
import io.textcluster.io.Concurrently;
import io.textcluster.io.LakeTables;
import io.textcluster.io.LakeWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The one lifecycle of every command that writes a run ({@code run}, {@code predict}): mark the run running (beside
 * the first stages, before any write of the attempt), run its stages, write, mark it succeeded; on any {@link
 * Throwable} (a checked SparkException, Delta's checked exceptions, Hadoop's FSError on a full disk) take back what
 * the attempt wrote, mark the attempt failed with its cause, release caches and broadcasts, and throw one clear
 * failure. Cleanup failures are added to it as suppressed and never replace it. The exit code and the runs row always
 * agree: the runs row's {@code last_attempt_status} is the attempt's fate, and {@code status} is that of the result
 * in the tables, which a failed re-run leaves as the last good one.
 */
final class RunLifecycle {
  /** The stages of one attempt: they write through {@code writes} so that a failure can take the writes back. */
  interface Stages<T> {
    Finished<T> run(AttemptWrites writes, int attempt) throws Exception;
  }

  /** A step after the run is marked succeeded (the report, built from the tables); its failure fails the run. */
  interface AfterSuccess<T> {
    void run(T result, AttemptWrites writes) throws Exception;
  }

  /** The runs row of this run in {@code status} (running, succeeded, failed). */
  interface Records {
    RunRecord record(String status, Map<String, Double> metrics, String error);
  }

  /** What the stages finished with: the command's result and the metrics of its runs row. */
  record Finished<T>(T result, Map<String, Double> metrics) {}

  private final SparkSession spark;
  private final OutputConfig output;
  private final LakeWriter lake;
  private final String runId;
  private final PrintStream console;

  RunLifecycle(SparkSession spark, OutputConfig output, String runId, PrintStream console) {
    this.spark = spark;
    this.output = output;
    this.lake = new LakeWriter(spark, output);
    this.runId = runId;
    this.console = console;
  }

  <T> T run(Records records, Stages<T> stages, AfterSuccess<T> after, AutoCloseable release) {
    Throwable pending = null;
    try {
      Earlier earlier = Earlier.read(spark, lake, output, runId);
      int attempt = earlier.attempt() + 1;
      Dataset<Row> runningRow = earlier.good()
          ? RunsTable.kept(spark, earlier.row(), attempt, RunRecord.RUNNING, null)
          : RunsTable.row(spark, records.record(RunRecord.RUNNING, Map.of(), null).asAttempt(attempt,
              earlier.lastFailure()));
      // issue 20: the runs row's first commit (some 5 s of a small run, mostly the JVM's first Delta write) goes
      // beside the first stages, which only read. Every write of the attempt waits for it (AttemptWrites), and every
      // later runs row is written after it, so the lake never holds rows of an attempt its runs row does not name.
      CompletableFuture<Void> running =
          Concurrently.start("runs-row", () -> lake.replaceRun(LakeTables.RUNS, runId, runningRow));
      AttemptWrites writes = new AttemptWrites(spark, output, runId, attempt, running);
      try {
        Finished<T> finished = stages.run(writes, attempt);
        Throwable notRecorded = Concurrently.failureOf(running);
        if (notRecorded != null) {
          throw notRecorded;
        }
        lake.replaceRun(LakeTables.RUNS, runId, RunsTable.row(spark,
            records.record(RunRecord.SUCCEEDED, finished.metrics(), null).asAttempt(attempt, earlier.lastFailure())));
        after.run(finished.result(), writes);
        writes.keep();
        return finished.result();
      } catch (Throwable failure) {
        Throwable notRecorded = Concurrently.failureOf(running);
        if (notRecorded != null) {
          // The runs row could not say running (an unwritable lake, a full disk): no write of the attempt started,
          // and that is the failure to report, as when it was written before the stages.
          if (failure != notRecorded) {
            notRecorded.addSuppressed(failure);
          }
          pending = RunFailure.of(notRecorded, output.path());
          throw (RuntimeException) pending;
        }
        RuntimeException reported = RunFailure.of(failure, output.path());
        writes.undo(reported);
        pending = markFailed(records, earlier, attempt, reported);
        throw (RuntimeException) pending;
      }
    } catch (Throwable beforeStart) {
      // Reading or writing the runs row before the stages (an unreadable runs table, a full disk): nothing written.
      pending = pending != null ? pending : RunFailure.of(beforeStart, output.path());
      throw (RuntimeException) pending;
    } finally {
      try {
        release.close();
      } catch (Throwable releaseFailure) {
        if (pending != null) {
          pending.addSuppressed(releaseFailure);
        } else {
          console.println("[textcluster] warning: releasing the run's caches failed: "
              + RunFailure.oneLine(releaseFailure));
        }
      }
    }
  }

  /**
   * Records the failed attempt: beside the earlier good row if there is one (its rows were put back), else as the
   * run's own failed row. If even that write fails, the message says the runs row could not be updated.
   */
  private RuntimeException markFailed(Records records, Earlier earlier, int attempt, RuntimeException reported) {
    String why = RunFailure.oneLine(reported);
    try {
      lake.replaceRun(LakeTables.RUNS, runId, earlier.good()
          ? RunsTable.kept(spark, earlier.row(), attempt, RunRecord.FAILED, why)
          : RunsTable.row(spark, records.record(RunRecord.FAILED, Map.of(), why).asAttempt(attempt, null)));
      if (earlier.good()) {
        console.printf("[textcluster] attempt %d of run %s failed; its earlier result (attempt %s) is kept%n",
            attempt, runId, earlier.row().getAs("current_attempt") == null ? "before attempts were counted"
                : String.valueOf((Object) earlier.row().getAs("current_attempt")));
      }
      return reported;
    } catch (Throwable runsRow) {
      TextClusterException unrecorded = new TextClusterException(why + " The runs row of " + runId + " could not be "
          + "marked failed either (" + RunFailure.oneLine(runsRow) + "): it still says running; run the same "
          + "run id again once the lake is writable.", reported.getCause() != null ? reported.getCause() : reported);
      for (Throwable s : reported.getSuppressed()) {
        unrecorded.addSuppressed(s);
      }
      unrecorded.addSuppressed(runsRow);
      return unrecorded;
    }
  }

  /** The run id's row before this attempt, if any: whether it holds a good result, and the attempts so far. */
  private record Earlier(Row row, boolean good, int attempt, String lastFailure) {
    static Earlier read(SparkSession spark, LakeWriter lake, OutputConfig output, String runId) throws IOException {
      String path = output.tablePath(LakeTables.RUNS);
      Path p = new Path(path);
      boolean exists = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)
          && (!output.format().equals(OutputConfig.DELTA) || DeltaTable.isDeltaTable(spark, path));
      if (!exists) {
        return new Earlier(null, false, 0, null);
      }
      List<Row> rows = lake.read(LakeTables.RUNS).where(col(LakeWriter.RUN_ID).equalTo(runId)).takeAsList(1);
      if (rows.isEmpty()) {
        return new Earlier(null, false, 0, null);
      }
      Row row = rows.get(0);
      List<String> columns = List.of(row.schema().fieldNames());
      Integer attempts = columns.contains("attempt") ? row.getAs("attempt") : null;
      String lastFailure = columns.contains("last_failure") ? row.getAs("last_failure") : null;
      boolean good = RunRecord.SUCCEEDED.equals(row.getAs("status"));
      return new Earlier(row, good, attempts == null ? 1 : attempts, lastFailure);
    }
  }
}
