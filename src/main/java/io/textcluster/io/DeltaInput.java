package io.textcluster.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.delta.tables.DeltaTable;
import io.textcluster.config.InputConfig;
import io.textcluster.config.TextClusterException;
import java.util.Optional;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Delta inputs: by path or metastore table, optionally at a version or timestamp, and which version was read. */
final class DeltaInput {
  private DeltaInput() {}

  /** Throws what Spark throws (AnalysisException is checked), or a clear message for a version out of range. */
  static Dataset<Row> read(SparkSession spark, InputConfig input) throws Exception {
    try {
      return readAsConfigured(spark, input);
    } catch (Exception e) {
      if (input.deltaVersion().isEmpty() && input.deltaTimestamp().isEmpty()) {
        throw e;
      }
      throw outOfRange(spark, input, e);
    }
  }

  /**
   * A version or timestamp the table does not have: name the key and the range it has (versions and commit times from
   * its history, one row per commit), instead of advice about the input's format.
   */
  private static Exception outOfRange(SparkSession spark, InputConfig input, Exception failure) {
    Row range;
    try {
      DeltaTable table = input.table().isPresent()
          ? DeltaTable.forName(spark, input.table().get()) : DeltaTable.forPath(spark, input.paths().get(0));
      range = table.history().agg(org.apache.spark.sql.functions.min("version"), max("version"),
          org.apache.spark.sql.functions.min("timestamp"), max("timestamp")).first();
    } catch (RuntimeException unreadable) {
      failure.addSuppressed(unreadable);
      return failure;
    }
    String key = input.deltaVersion().isPresent() ? "input.version" : "input.timestamp";
    Object asked = input.deltaVersion().isPresent() ? input.deltaVersion().get() : input.deltaTimestamp().get();
    return new TextClusterException(
        "'" + key + "' = " + asked + " is not in " + input.describe() + ": it has versions " + range.get(0) + " to "
            + range.get(1) + ", committed from " + range.get(2) + " to " + range.get(3) + " (older versions may have "
            + "been vacuumed). Choose '" + key + "' in that range, or unset it to read the newest.", failure);
  }

  private static Dataset<Row> readAsConfigured(SparkSession spark, InputConfig input) {
    if (input.table().isPresent()) {
      String table = input.table().get();
      String travel =
          input.deltaVersion().map(v -> " VERSION AS OF " + v)
              .or(() -> input.deltaTimestamp().map(t -> " TIMESTAMP AS OF '" + t.replace("'", "") + "'"))
              .orElse("");
      return spark.sql("SELECT * FROM " + table + travel);
    }
    if (input.paths().size() != 1) {
      throw new TextClusterException(
          "A Delta input is one table: 'input.path' must name exactly one table folder, not " + input.paths() + ".");
    }
    DataFrameReader reader = spark.read().format("delta");
    if (input.deltaVersion().isPresent()) {
      reader = reader.option("versionAsOf", input.deltaVersion().get());
    }
    if (input.deltaTimestamp().isPresent()) {
      reader = reader.option("timestampAsOf", input.deltaTimestamp().get());
    }
    return reader.load(input.paths().get(0));
  }

  /** The table version this run read: the requested one, else the newest at or before the requested timestamp. */
  static Optional<Long> versionRead(SparkSession spark, InputConfig input) {
    if (!input.format().equals("delta")) {
      return Optional.empty();
    }
    if (input.deltaVersion().isPresent()) {
      return input.deltaVersion();
    }
    DeltaTable table =
        input.table().isPresent()
            ? DeltaTable.forName(spark, input.table().get())
            : DeltaTable.forPath(spark, input.paths().get(0));
    Dataset<Row> history = table.history();
    if (input.deltaTimestamp().isPresent()) {
      history = history.filter(col("timestamp").leq(lit(input.deltaTimestamp().get()).cast("timestamp")));
    }
    // One row per commit, never per document.
    Row newest = history.agg(max("version")).first();
    return newest.isNullAt(0) ? Optional.empty() : Optional.of(newest.getLong(0));
  }
}
