package io.textcluster.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Metrics that need no labels, equal to scikit-learn's for the same vectors and assignments. Davies-Bouldin,
 * Calinski-Harabasz and the within-cluster sum of squares use every document (per-cluster aggregates); silhouette and
 * Dunn need all pairwise distances, so they are exact on a bounded sample whose size is reported as
 * {@code metric_sample_size} (every document when the corpus is not larger than the sample).
 */
public final class InternalMetrics {
  private InternalMetrics() {}

  /**
   * @param sampleSize documents the pairwise metrics (silhouette, Dunn) are computed on; 0 skips them
   * @return within_cluster_sse, calinski_harabasz, davies_bouldin and, with a sample, silhouette_euclidean,
   *     silhouette_cosine, dunn_index, metric_sample_size; undefined metrics (one cluster) are left out
   */
  public static Map<String, Double> compute(
      Dataset<Row> assigned, String featuresCol, String clusterCol, String idCol, int sampleSize, long seed) {
    Map<String, Double> metrics = new LinkedHashMap<>(ClusterGeometry.compute(assigned, featuresCol, clusterCol));
    if (sampleSize > 0) {
      SampledSilhouette.Result sampled =
          SampledSilhouette.compute(assigned, featuresCol, clusterCol, idCol, sampleSize, seed);
      if (!Double.isNaN(sampled.euclidean())) {
        metrics.put("silhouette_euclidean", sampled.euclidean());
        metrics.put("silhouette_cosine", sampled.cosine());
        metrics.put("dunn_index", sampled.dunn());
      }
      metrics.put("metric_sample_size", (double) sampled.sampleSize());
    }
    return metrics;
  }
}
