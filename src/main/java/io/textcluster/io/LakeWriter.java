package io.textcluster.io;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.textcluster.config.OutputConfig;
import java.io.IOException;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a run's rows into the lake's tables so that re-running a run_id replaces its rows and never duplicates them.
 * Delta: one atomic overwrite of the run's rows ({@code replaceWhere run_id = ...}), so a killed write leaves the old
 * rows or the new ones, never half; new columns are merged into the schema. Parquet: the run's partition folder is
 * replaced (dynamic partition overwrite).
 */
public final class LakeWriter {
  public static final String RUN_ID = "run_id";
  private static final Pattern SAFE_RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  /**
   * A run id is a path segment and a SQL literal of the lake's tables: a bad one is a usage error (exit 2), found
   * before Spark starts. {@code option} names where it came from (--run-id, --run).
   */
  public static void requireValidRunId(String runId, String option) {
    if (!isValidRunId(runId)) {
      throw new io.textcluster.config.InvalidConfigException(
          "The run id \"" + runId + "\" (" + option + ") is not allowed: use 1-128 letters, digits, '_', '-' or '.', "
              + "starting with a letter or digit.");
    }
  }

  /**
   * {@code output.path} must be a folder (the lake) or not exist yet; an existing plain file there is a config error
   * found before Spark starts. Only local paths are checked here; other file systems are checked by their first write.
   */
  public static void requireLakeFolder(String path, String key) {
    java.nio.file.Path local;
    try {
      java.net.URI uri = new java.net.URI(path);
      if (uri.getScheme() != null && uri.getScheme().length() > 1 && !uri.getScheme().equals("file")) {
        return;
      }
      local = uri.getScheme() == null ? java.nio.file.Path.of(path) : java.nio.file.Path.of(uri);
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      local = java.nio.file.Path.of(path);
    }
    if (java.nio.file.Files.exists(local) && !java.nio.file.Files.isDirectory(local)) {
      throw new io.textcluster.config.InvalidConfigException(
          "'" + key + "' is " + path + ", which is a file: it must be the lake's folder (existing or not). Choose a "
              + "folder for '" + key + "'.");
    }
  }

  private final SparkSession spark;
  private final OutputConfig output;

  public LakeWriter(SparkSession spark, OutputConfig output) {
    this.spark = spark;
    this.output = output;
  }

  public static boolean isValidRunId(String runId) {
    return runId != null && SAFE_RUN_ID.matcher(runId).matches();
  }

  /**
   * Replaces the rows of {@code runId} in {@code table} by {@code rows} (which carry that run_id). Every table is
   * partitioned by run_id, so runs writing at the same time touch different partitions; Delta still reports a
   * conflict when two first writes race to create a table, and those are retried.
   */
  public void replaceRun(String table, String runId, Dataset<Row> rows) {
    requireSafe(runId);
    String path = output.tablePath(table);
    if (output.format().equals(OutputConfig.DELTA)) {
      ConflictRetry.run(
          "writing run " + runId + " to " + path,
          () ->
              rows.write()
                  .format("delta")
                  .mode(SaveMode.Overwrite)
                  .option("replaceWhere", RUN_ID + " = '" + runId + "'")
                  .option("mergeSchema", "true")
                  .partitionBy(RUN_ID)
                  .save(path));
    } else {
      rows.write()
          .format("parquet")
          .mode(SaveMode.Overwrite)
          .option("partitionOverwriteMode", "dynamic")
          .partitionBy(RUN_ID)
          .save(path);
    }
  }

  /**
   * Removes every row of {@code runId} from {@code table}; a table that does not exist yet has none, nor does a folder
   * whose first write never committed (Delta raises a checked DeltaAnalysisException for it, which is why this asks).
   */
  public void deleteRun(String table, String runId) {
    requireSafe(runId);
    String path = output.tablePath(table);
    if (!exists(path)) {
      return;
    }
    if (output.format().equals(OutputConfig.DELTA)) {
      if (!DeltaTable.isDeltaTable(spark, path)) {
        return;
      }
      ConflictRetry.run(
          "removing run " + runId + " from " + path,
          () -> DeltaTable.forPath(spark, path).delete(col(RUN_ID).equalTo(runId)));
    } else {
      Path partition = new Path(path, RUN_ID + "=" + runId);
      try {
        partition.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(partition, true);
      } catch (IOException e) {
        throw new IllegalStateException("Cannot delete " + partition, e);
      }
    }
  }

  public Dataset<Row> read(String table) {
    return spark.read().format(output.format()).load(output.tablePath(table));
  }

  public String tablePath(String table) {
    return output.tablePath(table);
  }

  private boolean exists(String path) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(p);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot reach the lake at " + path, e);
    }
  }

  private static void requireSafe(String runId) {
    if (!isValidRunId(runId)) {
      throw new IllegalArgumentException("Unsafe run id: " + runId);
    }
  }
}
