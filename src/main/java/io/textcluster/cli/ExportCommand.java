package io.textcluster.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.xxhash64;

import io.textcluster.config.OutputConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.io.LakeTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code textcluster export}: one run's tables as JSON Lines on the local disk, for tools that cannot read Delta or
 * Parquet (Debian's Python has neither pyarrow nor fastparquet). runs and clusters are small (1 and k rows); the
 * assignments are a bounded sample, so an export never grows with the corpus.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
      "Write one run's runs row, clusters and a sample of its assignments as JSON Lines files into a local folder:",
      "runs.jsonl, clusters.jsonl, assignments.jsonl."
    })
final class ExportCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run id to export.")
  String runId;

  @Mixin LakeOptions lake;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "DIR",
      description = "Local folder for the JSON Lines files (created if missing; files in it are replaced).")
  Path target;

  @Option(
      names = "--sample",
      paramLabel = "N",
      defaultValue = "5000",
      description = "Most assignments rows to export (default 5000), chosen by a hash of doc_id so that the same run "
          + "always gives the same sample.")
  int sample;

  @Override
  public Integer call() {
    if (sample < 0) {
      throw new TextClusterException("--sample " + sample + " is negative: give 0 or more rows.");
    }
    SparkSession spark = SparkSessions.getOrCreate();
    try {
      System.out.println(export(spark, lake.path, lake.format, runId, target, sample));
      return 0;
    } finally {
      SparkSessions.stopUnlessShared(spark);
    }
  }

  /** Writes the three files and returns a one-line summary of what was written. */
  static String export(SparkSession spark, String lake, String format, String runId, Path target, int sample) {
    // The same checks as the scheduler's gate: exporting a failed or missing run would only show empty plots.
    CheckCommand.verify(spark, lake, format, runId);
    OutputConfig output = new OutputConfig(lake, format, false);
    Dataset<Row> runs = runRows(spark, output, LakeTables.RUNS, runId);
    Dataset<Row> clusters = runRows(spark, output, LakeTables.CLUSTERS, runId).orderBy("cluster_id");
    Dataset<Row> assignments =
        runRows(spark, output, LakeTables.ASSIGNMENTS, runId)
            .orderBy(xxhash64(col("doc_id")), col("doc_id"))
            .limit(sample);
    try {
      Files.createDirectories(target);
      // Bounded collects only: 1 run row, k cluster rows, at most `sample` assignment rows.
      write(target.resolve("runs.jsonl"), runs.toJSON().collectAsList());
      List<String> clusterRows = clusters.toJSON().collectAsList();
      write(target.resolve("clusters.jsonl"), clusterRows);
      List<String> assignmentRows = assignments.toJSON().collectAsList();
      write(target.resolve("assignments.jsonl"), assignmentRows);
      return String.format(
          "Run '%s': 1 run row, %d clusters, %d assignments (sample) written to %s",
          runId, clusterRows.size(), assignmentRows.size(), target);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the export to " + target, e);
    }
  }

  private static Dataset<Row> runRows(SparkSession spark, OutputConfig output, String table, String runId) {
    return spark.read().format(output.format()).load(output.tablePath(table)).where(col("run_id").equalTo(runId));
  }

  private static void write(Path file, List<String> jsonLines) throws IOException {
    Files.writeString(file, jsonLines.isEmpty() ? "" : String.join("\n", jsonLines) + "\n", StandardCharsets.UTF_8);
  }
}
