package io.textcluster.describe;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * The most frequent values of every categorical (string) kept column, per cluster: all columns are stacked into one
 * (cluster, column, value) aggregation and ranked by Spark, so only k x columns x N rows reach the driver.
 */
public final class ClusterTopValues {
  private ClusterTopValues() {}

  /** A value of a categorical column and how many of the cluster's documents have it. */
  public record ValueCount(String value, long count) {}

  /** @return cluster id -> column -> its top values, most frequent first (ties by value) */
  public static Map<Integer, Map<String, List<ValueCount>>> top(
      Dataset<Row> assigned, String clusterCol, List<String> keptColumns, int perColumn) {
    Map<Integer, Map<String, List<ValueCount>>> result = new TreeMap<>();
    List<String> categorical = categoricalColumns(assigned, keptColumns);
    if (categorical.isEmpty() || perColumn == 0) {
      return result;
    }
    Dataset<Row> stacked = null;
    for (String column : categorical) {
      Dataset<Row> values =
          assigned
              .select(col(clusterCol).as("cluster"), lit(column).as("column"), col("`" + column + "`").as("value"))
              .filter(col("value").isNotNull());
      stacked = stacked == null ? values : stacked.union(values);
    }
    List<Row> rows =
        stacked
            .groupBy("cluster", "column", "value")
            .agg(count(lit(1)).as("n"))
            .withColumn(
                "rank",
                row_number()
                    .over(Window.partitionBy("cluster", "column").orderBy(col("n").desc(), col("value").asc())))
            .filter(col("rank").leq(perColumn))
            .orderBy("cluster", "column", "rank")
            .collectAsList();
    for (Row row : rows) {
      result
          .computeIfAbsent(row.getInt(0), c -> new LinkedHashMap<>())
          .computeIfAbsent(row.getString(1), c -> new ArrayList<>())
          .add(new ValueCount(row.getString(2), row.getLong(3)));
    }
    return result;
  }

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
