package io.textcluster.describe;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Size, squared error, the mean of the feature vectors and the mean, min and max of every numeric kept column, per
 * cluster, from one aggregation: the first of describe's shared scans (the feature means feed the geometry metrics).
 */
public final class ClusterStatistics {
  private ClusterStatistics() {}

  /**
   * One cluster's figures; {@code means} maps a kept column to its mean over the cluster's documents, {@code numeric}
   * to its mean, min and max.
   */
  public record Stats(
      int clusterId,
      long size,
      double squaredError,
      Map<String, Double> means,
      Map<String, NumericSummary> numeric,
      Vector featureMean) {}

  /** Mean, min and max of one numeric column over one cluster's documents (nulls ignored). */
  public record NumericSummary(double mean, double min, double max) {}

  public static Map<Integer, Stats> compute(
      Dataset<Row> assigned, String clusterCol, String squaredErrorCol, List<String> keptColumns) {
    return compute(assigned, clusterCol, col(squaredErrorCol), keptColumns, null);
  }

  /**
   * @param squaredError each document's squared error to its centre (an expression, computed inside the aggregation)
   * @param featuresCol the feature vectors whose per-cluster mean is wanted, or null for none
   */
  public static Map<Integer, Stats> compute(
      Dataset<Row> assigned, String clusterCol, Column squaredError, List<String> keptColumns, String featuresCol) {
    List<String> numeric = numericColumns(assigned, keptColumns);
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(sum(squaredError));
    for (String column : numeric) {
      Column c = col("`" + column + "`");
      aggregates.add(avg(c));
      aggregates.add(min(c).cast("double"));
      aggregates.add(max(c).cast("double"));
    }
    if (featuresCol != null) {
      aggregates.add(Summarizer.mean(col(featuresCol)));
    }
    Map<Integer, Stats> result = new TreeMap<>();
    List<Row> rows =
        assigned
            .groupBy(col(clusterCol))
            .agg(count(lit(1)), aggregates.toArray(Column[]::new))
            .collectAsList();
    for (Row row : rows) {
      Map<String, Double> means = new LinkedHashMap<>();
      Map<String, NumericSummary> summaries = new LinkedHashMap<>();
      for (int i = 0; i < numeric.size(); i++) {
        int at = 3 + 3 * i;
        if (!row.isNullAt(at)) {
          means.put(numeric.get(i), row.getDouble(at));
          summaries.put(
              numeric.get(i), new NumericSummary(row.getDouble(at), row.getDouble(at + 1), row.getDouble(at + 2)));
        }
      }
      double error = row.isNullAt(2) ? 0.0 : row.getDouble(2);
      Vector mean = featuresCol == null ? null : row.getAs(3 + 3 * numeric.size());
      result.put(row.getInt(0), new Stats(row.getInt(0), row.getLong(1), error, means, summaries, mean));
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
