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

  static Dataset<Row> read(SparkSession spark, InputConfig input) {
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
