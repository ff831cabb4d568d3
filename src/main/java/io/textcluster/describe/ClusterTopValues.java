package io.textcluster.describe;

import static org.apache.spark.sql.functions.count;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * The most frequent values of every categorical (string) kept column, per cluster. They are counted in
 * {@link ClusterBreakdown}'s shared scan; this holds what they are and which columns qualify.
 */
public final class ClusterTopValues {
  private ClusterTopValues() {}

  /** A value of a categorical column and how many of the cluster's documents have it. */
  public record ValueCount(String value, long count) {}

  /** The kept columns of string type, whose most frequent values describe a cluster. */
  static List<String> categoricalColumns(Dataset<Row> data, List<String> keptColumns) {
    List<String> categorical = new ArrayList<>();
    for (StructField field : data.schema().fields()) {
      boolean kept = keptColumns.stream().anyMatch(k -> k.equalsIgnoreCase(field.name()));
      if (kept && field.dataType() instanceof StringType) {
        categorical.add(field.name());
      }
    }
    return categorical;
  }
}
