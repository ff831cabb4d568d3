package io.textcluster.describe;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;

import io.textcluster.describe.ClusterTopValues.ValueCount;
import io.textcluster.evaluate.LabelContingency;
import io.textcluster.evaluate.SquaredDistanceToMean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The second of describe's shared scans: every per-cluster count that needs more than the cluster id as its key, from
 * one {@code groupBy(cluster, kind, key)} over a single read of the assigned documents. Each document contributes one
 * row per kind (its spread around its cluster's mean, its label, each categorical kept column's value), stacked with
 * {@code explode} so the data is read once; only the label counts, each column's top values and k spread sums reach
 * the driver, never anything per document.
 */
public final class ClusterBreakdown {
  private static final String SPREAD = "spread";
  private static final String LABEL = "label";
  private static final String VALUE = "value:";

  /**
   * @param spread cluster id -> {sum of distances to the cluster's feature mean, sum of squared distances}
   * @param labelCounts (label, cluster id, documents) rows, labels null where a document has none
   * @param topValues cluster id -> categorical column -> its most frequent values
   */
  public record Result(
      Map<Integer, double[]> spread,
      List<LabelContingency.Cell> labelCounts,
      Map<Integer, Map<String, List<ValueCount>>> topValues) {}

  private ClusterBreakdown() {}

  /**
   * @param featureMeans each cluster's mean feature vector, indexed by cluster id (null entries for ids without one,
   *     such as density noise); empty to skip the spread
   * @param labelCol the label column, or null when the corpus has no labels
   */
  public static Result compute(
      Dataset<Row> assigned,
      String clusterCol,
      String featuresCol,
      Vector[] featureMeans,
      String labelCol,
      List<String> keptColumns,
      int topPerColumn) {
    List<Column> parts = new ArrayList<>();
    Broadcast<Vector[]> means = null;
    if (featureMeans.length > 0) {
      means = JavaSparkContext.fromSparkContext(assigned.sparkSession().sparkContext()).broadcast(featureMeans);
      Column squared =
          udf(new SquaredDistanceToMean(means), DataTypes.DoubleType).apply(col(featuresCol), col(clusterCol));
      parts.add(part(lit(SPREAD), lit(null).cast("string"), squared));
    }
    if (labelCol != null) {
      parts.add(part(lit(LABEL), col(labelCol).cast("string"), lit(null).cast("double")));
    }
    if (topPerColumn > 0) {
      for (String column : ClusterTopValues.categoricalColumns(assigned, keptColumns)) {
        parts.add(part(lit(VALUE + column), col("`" + column + "`"), lit(null).cast("double")));
      }
    }
    if (parts.isEmpty()) {
      return new Result(Map.of(), List.of(), Map.of());
    }
    try {
      List<Row> rows =
          assigned
              .select(col(clusterCol).as("cluster"), explode(array(parts.toArray(Column[]::new))).as("p"))
              .select(col("cluster"), col("p.kind").as("kind"), col("p.key").as("key"), col("p.squared").as("sq"))
              // A spread row of a document without a mean (noise) and a null categorical value count for nothing.
              .filter(col("kind").equalTo(LABEL).or(col("kind").equalTo(SPREAD).and(col("sq").isNotNull()))
                  .or(col("key").isNotNull()))
              .groupBy("cluster", "kind", "key")
              .agg(count(lit(1)).as("n"), sum(sqrt(col("sq"))).as("distance"), sum(col("sq")).as("squared"))
              .withColumn("rank", row_number().over(
                  Window.partitionBy("cluster", "kind")
                      .orderBy(col("n").desc(), col("key").asc())))
              .filter(col("kind").startsWith(VALUE).equalTo(false).or(col("rank").leq(topPerColumn)))
              .collectAsList();
      return collect(rows);
    } finally {
      if (means != null) {
        means.destroy();
      }
    }
  }

  private static Column part(Column kind, Column key, Column squared) {
    return struct(kind.as("kind"), key.as("key"), squared.as("squared"));
  }

  private static Result collect(List<Row> unordered) {
    // Ordered here, not by Spark: a distributed sort would cost a sampling job and a shuffle for k x keys rows.
    List<Row> rows = new ArrayList<>(unordered);
    rows.sort(Comparator.<Row>comparingInt(r -> r.getInt(0)).thenComparing(r -> r.getString(1))
        .thenComparingInt(r -> r.getInt(6)));
    Map<Integer, double[]> spread = new TreeMap<>();
    List<LabelContingency.Cell> labels = new ArrayList<>();
    Map<Integer, Map<String, List<ValueCount>>> topValues = new TreeMap<>();
    for (Row row : rows) {
      int cluster = row.getInt(0);
      String kind = row.getString(1);
      String key = row.isNullAt(2) ? null : row.getString(2);
      if (kind.equals(SPREAD)) {
        spread.put(cluster, new double[] {row.getDouble(4), row.getDouble(5)});
      } else if (kind.equals(LABEL)) {
        labels.add(new LabelContingency.Cell(key, cluster, row.getLong(3)));
      } else {
        topValues
            .computeIfAbsent(cluster, c -> new LinkedHashMap<>())
            .computeIfAbsent(kind.substring(VALUE.length()), c -> new ArrayList<>())
            .add(new ValueCount(key, row.getLong(3)));
      }
    }
    return new Result(spread, labels, topValues);
  }
}
