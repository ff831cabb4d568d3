package io.textcluster.io;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.textcluster.config.OutputConfig;
import java.io.IOException;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What one attempt of a run wrote to the lake, and how to take it back. Each table's rows of the run are replaced
 * atomically ({@link LakeWriter#replaceRun}), but an attempt writes several tables and files; if it fails after some,
 * {@link #undo} puts back exactly what the run id held before the attempt (the last good result of a re-run, or
 * nothing for a new run id): Delta tables from the version read before the first write (time travel), Parquet
 * partitions and files from where they were moved aside. {@link #keep} drops what was moved aside once the attempt
 * has succeeded.
 */
public final class AttemptWrites {
  private final SparkSession spark;
  private final LakeWriter lake;
  private final OutputConfig output;
  private final LakeFiles files;
  private final String runId;
  private final int attempt;
  // Concurrent: a run writes its tables from several threads at once (Concurrently); undo and keep run after all of
  // them have ended.
  private final Deque<Undo> undo = new ConcurrentLinkedDeque<>();
  private final Deque<Path> aside = new ConcurrentLinkedDeque<>();

  private interface Undo {
    void run() throws IOException;
  }

  /** Ends when the runs row says this attempt is running; no write of the attempt starts before it. */
  private final CompletableFuture<Void> recorded;

  public AttemptWrites(SparkSession spark, OutputConfig output, String runId, int attempt) {
    this(spark, output, runId, attempt, CompletableFuture.completedFuture(null));
  }

  /**
   * @param recorded the commit of the runs row that says this attempt is running, made beside the first stages (issue
   *     20): every write here waits for it, so the lake never holds rows of an attempt the runs row does not name
   */
  public AttemptWrites(
      SparkSession spark, OutputConfig output, String runId, int attempt, CompletableFuture<Void> recorded) {
    this.recorded = recorded;
    this.spark = spark;
    this.lake = new LakeWriter(spark, output);
    this.output = output;
    this.files = new LakeFiles(spark.sparkContext().hadoopConfiguration());
    this.runId = runId;
    this.attempt = attempt;
  }

  /** Replaces the run's rows in {@code table}, remembering how to restore what it held before. */
  public void replaceRun(String table, Dataset<Row> rows) throws IOException {
    awaitRecorded();
    String path = output.tablePath(table);
    if (output.format().equals(OutputConfig.DELTA)) {
      long version = exists(path) && DeltaTable.isDeltaTable(spark, path) ? latestVersion(path) : -1;
      undo.push(() -> restoreDelta(table, path, version));
    } else {
      Path partition = new Path(path, LakeWriter.RUN_ID + "=" + runId);
      // Spark skips folders whose names start with '_' or '.', so the partition set aside is invisible to readers.
      Path before = new Path(path, "_" + LakeWriter.RUN_ID + "=" + runId + ".before-attempt-" + attempt);
      FileSystem fs = partition.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.delete(before, true);
      boolean had = fs.exists(partition) && fs.rename(partition, before);
      undo.push(() -> {
        fs.delete(partition, true);
        if (had && !fs.rename(before, partition)) {
          throw new IOException("Cannot put " + before + " back at " + partition);
        }
      });
      if (had) {
        aside.push(before);
      }
    }
    lake.replaceRun(table, runId, rows);
  }

  /** A folder or file to be written whole: returns the hidden temporary path to write to; see {@link #commit}. */
  public Path stage(Path target) throws IOException {
    awaitRecorded();
    files.removeLeftovers(target);
    Path temporary = LakeFiles.temporary(target, attempt);
    files.delete(temporary);
    undo.push(() -> files.delete(temporary));
    return temporary;
  }

  /** Moves a staged folder or file into place; undone by putting the earlier version back. */
  public void commit(Path target) throws IOException {
    awaitRecorded();
    Path previous = LakeFiles.previous(target, attempt);
    boolean hadEarlier = files.replace(LakeFiles.temporary(target, attempt), target, previous);
    undo.push(() -> files.restore(target, previous));
    if (hadEarlier) {
      aside.push(previous);
    }
  }

  /** The attempt succeeded: what was moved aside is no longer needed. */
  public void keep() throws IOException {
    while (!aside.isEmpty()) {
      files.delete(aside.pop());
    }
    undo.clear();
  }

  /**
   * Takes back everything this attempt wrote, newest first. Every step is tried even when one fails; the failures
   * are added to {@code failure} as suppressed, never thrown over it.
   */
  public void undo(Throwable failure) {
    while (!undo.isEmpty()) {
      try {
        undo.pop().run();
      } catch (Throwable cleanup) {
        failure.addSuppressed(cleanup);
      }
    }
  }

  /**
   * Rethrows the runs row's failure as it was thrown (a full disk's FSError stays an Error; Delta's checked
   * exceptions, which Scala code throws undeclared, stay themselves), for the run's lifecycle to report.
   */
  private void awaitRecorded() {
    Throwable failure = Concurrently.failureOf(recorded);
    if (failure != null) {
      AttemptWrites.<RuntimeException>rethrow(failure);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> void rethrow(Throwable failure) throws E {
    throw (E) failure;
  }

  private void restoreDelta(String table, String path, long version) {
    if (version < 0) {
      lake.deleteRun(table, runId);
      return;
    }
    Dataset<Row> before =
        spark.read().format("delta").option("versionAsOf", version).load(path).where(col(LakeWriter.RUN_ID).equalTo(runId));
    if (before.isEmpty()) {
      lake.deleteRun(table, runId);
    } else {
      lake.replaceRun(table, runId, before);
    }
  }

  private long latestVersion(String path) {
    return DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0);
  }

  private boolean exists(String path) throws IOException {
    Path p = new Path(path);
    return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
  }
}
