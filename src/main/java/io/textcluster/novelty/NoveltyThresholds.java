package io.textcluster.novelty;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per-document confidence and novelty. At fit, one aggregation measures each cluster's distance distribution: its
 * percentiles 1..99 ({@code distance_percentiles}) and the distance at cluster.novelty-quantile
 * ({@code novelty_threshold}); these k rows are saved in the clusters table, so predict measures new documents against
 * the fit's own clusters. Each document then gets {@code distance_percentile} (the share of its cluster's fitted
 * documents that lie closer to the centre, to the nearest percent) and {@code is_novel} (farther than the threshold).
 * Noise (-1) and documents without a distance get nulls.
 */
public final class NoveltyThresholds {
  public static final String PERCENTILES = "distance_percentiles";
  public static final String THRESHOLD = "novelty_threshold";
  public static final String PERCENTILE = "distance_percentile";
  public static final String IS_NOVEL = "is_novel";
  /** Per-document columns added to assignments. */
  public static final List<String> COLUMNS = List.of(PERCENTILE, IS_NOVEL);

  private static final String CUT_POINTS;

  static {
    StringBuilder points = new StringBuilder("array(");
    for (int p = 1; p < 100; p++) {
      points.append(p == 1 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", p / 100.0));
    }
    CUT_POINTS = points.append(')').toString();
  }

  private NoveltyThresholds() {}

  /** cluster_id, distance_percentiles (99 values), novelty_threshold: one row per cluster, computed in one pass. */
  public static Dataset<Row> fit(Dataset<Row> assigned, String clusterId, String distance, double quantile) {
    Dataset<Row> thresholds =
        assigned
            .where(col(clusterId).geq(0).and(col(distance).isNotNull()))
            .groupBy(col(clusterId).as("cluster_id"))
            .agg(
                expr("percentile_approx(`" + distance + "`, " + CUT_POINTS + ", 10000)").as(PERCENTILES),
                expr("percentile_approx(`" + distance + "`, " + quantile + ", 10000)").as(THRESHOLD));
    // k rows: brought to the driver so later joins and writes do not recompute the pass over every document.
    List<Row> rows = thresholds.collectAsList();
    return assigned.sparkSession().createDataFrame(rows, thresholds.schema());
  }

  /** Adds distance_percentile and is_novel by a broadcast join of the k threshold rows on the cluster id. */
  public static Dataset<Row> addColumns(
      Dataset<Row> assigned, Dataset<Row> thresholds, String clusterId, String distance) {
    Dataset<Row> t = thresholds.select(col("cluster_id").as("_novelty_cluster"), col(PERCENTILES), col(THRESHOLD));
    Dataset<Row> joined =
        assigned.join(broadcast(t), assigned.col(clusterId).equalTo(t.col("_novelty_cluster")), "left");
    // Built-in higher-order functions, no UDF: the count of cut points below the distance, over 100.
    return joined
        .withColumn(
            PERCENTILE,
            when(col(PERCENTILES).isNotNull().and(col(distance).isNotNull()),
                expr("size(filter(" + PERCENTILES + ", p -> p < `" + distance + "`)) / CAST(100 AS DOUBLE)")))
        .withColumn(IS_NOVEL, col(distance).gt(col(THRESHOLD)))
        .drop("_novelty_cluster", PERCENTILES, THRESHOLD);
  }

  /** The share of documents with a threshold that are novel, or empty when none has one (a model without centres). */
  public static Optional<Double> novelShare(Dataset<Row> withColumns) {
    Row row =
        withColumns.agg(
            avg(when(col(IS_NOVEL), 1.0).when(col(IS_NOVEL).isNotNull(), 0.0)), count(col(IS_NOVEL))).first();
    return row.getLong(1) == 0 ? Optional.empty() : Optional.of(row.getDouble(0));
  }

  /** The thresholds saved with a fitted run's clusters, if that run saved them. */
  public static Optional<Dataset<Row>> fromClusters(Dataset<Row> clusters) {
    List<String> columns = List.of(clusters.columns());
    if (!columns.contains(PERCENTILES) || !columns.contains(THRESHOLD)) {
      return Optional.empty();
    }
    return Optional.of(
        clusters.select(col("cluster_id"), col(PERCENTILES), col(THRESHOLD)).where(col(THRESHOLD).isNotNull()));
  }
}
