package io.textcluster.cli;

import io.textcluster.config.OutputConfig;
import io.textcluster.io.LakeWriter;
import io.textcluster.job.PredictionJob;
import io.textcluster.job.TextClusteringJob;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code textcluster predict}: assign new documents with a finished run's saved model, as a run of their own. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
      "Assign new documents to the clusters of a finished run, with its saved model (same text analysis, features",
      "and clusters), and write them as a new run (assignments, and a runs row naming the fitted run).",
      "The input is read with the fitted run's input settings; --input and the options below replace them."
    })
final class PredictCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The fitted run whose model assigns.")
  String fittedRun;

  @Mixin LakeOptions lake;

  @Option(
      names = "--input",
      paramLabel = "PATH",
      description = "The new documents: a file, folder or glob (default: the fitted run's input.path).")
  String input;

  @Option(
      names = "--input-format",
      paramLabel = "FORMAT",
      description = "csv, json, parquet or delta (default: the fitted run's input.format).")
  String inputFormat;

  @Option(
      names = "--text-columns",
      paramLabel = "COLUMNS",
      split = ",",
      description = "Comma-separated text columns (default: the fitted run's input.text-columns).")
  java.util.List<String> textColumns;

  @Option(
      names = "--id-column",
      paramLabel = "COLUMN",
      description = "The document id column (default: the fitted run's input.id-column).")
  String idColumn;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Replace any other input.* setting of the fitted run, e.g. --set input.csv.delimiter=';'.")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description = "Id of the prediction run (default: a new id from the current time).")
  String runId;

  @Override
  public Integer call() {
    Map<String, String> inputSettings = new LinkedHashMap<>(overrides);
    if (input != null) {
      // A local path is taken from the working directory; a URI (hdfs://, s3a://, dbfs:/) as it is.
      boolean uri = input.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*");
      inputSettings.put("input.path", uri ? input : Path.of(input).toAbsolutePath().normalize().toString());
    }
    if (inputFormat != null) {
      inputSettings.put("input.format", inputFormat);
    }
    if (textColumns != null) {
      inputSettings.put(
          "input.text-columns",
          "[" + String.join(",", textColumns.stream().map(c -> "\"" + c.trim() + "\"").toList()) + "]");
    }
    if (idColumn != null) {
      inputSettings.put("input.id-column", idColumn);
    }
    if (!OutputConfig.DELTA.equals(lake.format) && !OutputConfig.PARQUET.equals(lake.format)) {
      throw new io.textcluster.config.InvalidConfigException("Unknown table format '" + lake.format + "'. Use --format delta or --format parquet.");
    }
    String id = runId != null ? runId : TextClusteringJob.newRunId();
    LakeWriter.requireValidRunId(fittedRun, "--run");
    LakeWriter.requireValidRunId(id, "--run-id");
    LakeWriter.requireLakeFolder(lake.path, "--lake");
    SparkSession spark = SparkSessions.getOrCreate();
    try {
      PredictionJob.run(spark, new PredictionJob.Request(lake.path, lake.format, fittedRun, id, inputSettings), System.out);
      return 0;
    } finally {
      SparkSessions.stopUnlessShared(spark);
    }
  }
}
