package io.textcluster.describe;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/** Size, squared error and the mean of every numeric kept column, per cluster, from one aggregation. */
public final class ClusterStatistics {
  private ClusterStatistics() {}

  /** One cluster's figures; {@code means} maps a kept column to its mean over the cluster's documents. */
  public record Stats(int clusterId, long size, double squaredError, Map<String, Double> means) {}

  public static Map<Integer, Stats> compute(
      Dataset<Row> assigned, String clusterCol, String squaredErrorCol, List<String> keptColumns) {
    List<String> numeric = numericColumns(assigned, keptColumns);
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(sum(col(squaredErrorCol)));
    for (String column : numeric) {
      aggregates.add(avg(col("`" + column + "`")));
    }
    Map<Integer, Stats> result = new TreeMap<>();
    List<Row> rows =
        assigned
            .groupBy(col(clusterCol))
            .agg(count(lit(1)), aggregates.toArray(Column[]::new))
            .collectAsList();
    for (Row row : rows) {
      Map<String, Double> means = new LinkedHashMap<>();
      for (int i = 0; i < numeric.size(); i++) {
        if (!row.isNullAt(3 + i)) {
          means.put(numeric.get(i), row.getDouble(3 + i));
        }
      }
      double squaredError = row.isNullAt(2) ? 0.0 : row.getDouble(2);
      result.put(row.getInt(0), new Stats(row.getInt(0), row.getLong(1), squaredError, means));
    }
    return result;
  }

  static List<String> numericColumns(Dataset<Row> data, List<String> keptColumns) {
    List<String> numeric = new ArrayList<>();
    for (StructField field : data.schema().fields()) {
      boolean kept = keptColumns.stream().anyMatch(k -> k.equalsIgnoreCase(field.name()));
      if (kept && field.dataType() instanceof NumericType) {
        numeric.add(field.name());
      }
    }
    return numeric;
  }

}
