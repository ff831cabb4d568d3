package io.textcluster.cli;

import static org.apache.spark.sql.functions.col;

import io.textcluster.config.OutputConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.io.LakeTables;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code textcluster check}: the gate a scheduler runs after a job. A run that failed, is still marked running, or
 * clustered no documents exits 1, so an Airflow task (or any shell step) fails the DAG run instead of letting
 * downstream tasks read an empty result.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
      "Check one run's row in the runs table: exit 0 when it succeeded with documents, 1 when it failed, is not",
      "finished, clustered no documents or is missing."
    })
final class CheckCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run id to check.")
  String runId;

  @Mixin LakeOptions lake;

  @Override
  public Integer call() {
    SparkSession spark = SparkSessions.getOrCreate();
    try {
      System.out.println(verify(spark, lake.path, lake.format, runId));
      return 0;
    } finally {
      SparkSessions.stopUnlessShared(spark);
    }
  }

  /** The run's one-line summary when it succeeded with documents; otherwise a TextClusterException saying why. */
  static String verify(SparkSession spark, String lake, String format, String runId) {
    if (!OutputConfig.DELTA.equals(format) && !OutputConfig.PARQUET.equals(format)) {
      throw new TextClusterException(
          "Unknown table format '" + format + "'. Use --format delta or --format parquet (the run's output.format).");
    }
    String runsPath = new OutputConfig(lake, format, false).tablePath(LakeTables.RUNS);
    if (!exists(spark, OutputConfig.DELTA.equals(format) ? runsPath + "/_delta_log" : runsPath)) {
      throw new TextClusterException(
          "No " + format + " runs table at " + runsPath + ". Check --lake: it is the run's output.path, and "
              + "--format: it is the run's output.format.");
    }
    if (OutputConfig.PARQUET.equals(format) && exists(spark, runsPath + "/_delta_log")) {
      // Read as plain Parquet, a Delta table would also show the files of rows it has since replaced.
      throw new TextClusterException(
          "The runs table at " + runsPath + " is a Delta table: check it with --format delta.");
    }
    // The runs table holds one small row per run: filtering before take keeps this a size-1 read.
    List<Row> rows =
        spark.read().format(format).load(runsPath)
            .where(col("run_id").equalTo(runId))
            .select("run_id", "status", "documents", "k", "error")
            .takeAsList(2);
    if (rows.isEmpty()) {
      throw new TextClusterException(
          "Run '" + runId + "' is not in " + runsPath + ". Check the run id, and that the job wrote to this lake.");
    }
    Row row = rows.get(0);
    String status = row.getAs("status");
    long documents = row.<Long>getAs("documents");
    int k = row.<Integer>getAs("k");
    String error = row.getAs("error");
    if ("failed".equals(status)) {
      throw new TextClusterException(
          "Run '" + runId + "' failed: " + (error == null ? "no reason recorded" : error)
              + ". Fix the cause and re-run the same run id: its rows are replaced.");
    }
    if (!"succeeded".equals(status)) {
      throw new TextClusterException(
          "Run '" + runId + "' is '" + status + "', not succeeded: it is still running, or its driver was killed. "
              + "Wait for it, or re-run the same run id.");
    }
    if (documents == 0) {
      throw new TextClusterException(
          "Run '" + runId + "' succeeded but clustered 0 documents. Check input.path and input.text-columns: "
              + "the input was empty or had no text.");
    }
    return String.format("Run '%s' succeeded: %,d documents in %d clusters.", runId, documents, k);
  }

  private static boolean exists(SparkSession spark, String path) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
    } catch (java.io.IOException e) {
      throw new TextClusterException("Cannot reach the lake at " + path + ": " + e.getMessage()
          + ". Check --lake and the cluster's credentials for that file system.", e);
    }
  }
}
