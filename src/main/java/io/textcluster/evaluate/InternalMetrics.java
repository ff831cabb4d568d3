package io.textcluster.evaluate;

import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Metrics that need no labels, computed distributed over all documents. */
public final class InternalMetrics {
  private InternalMetrics() {}

  /**
   * Mean silhouette with cosine distance over every document. Spark computes it exactly in two passes from per-cluster
   * sums of the normalised vectors (cosine distance is linear in the other point), so no pairwise matrix is built.
   */
  public static double cosineSilhouette(Dataset<Row> assigned, String featuresCol, String clusterCol) {
    return new ClusteringEvaluator()
        .setFeaturesCol(featuresCol)
        .setPredictionCol(clusterCol)
        .setMetricName("silhouette")
        .setDistanceMeasure("cosine")
        .evaluate(assigned);
  }
}
