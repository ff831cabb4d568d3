package io.textcluster.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
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
    metrics.putAll(sampled(assigned, featuresCol, clusterCol, idCol, sampleSize, seed));
    return metrics;
  }

  /**
   * Within-cluster SSE, Calinski-Harabasz and Davies-Bouldin from per-cluster aggregates a shared scan has already
   * made (describe's): no pass over the documents of its own.
   *
   * @param sizes documents per cluster id; clusters without a mean (noise) are left out
   * @param means each cluster's mean feature vector
   * @param spread cluster id -> {sum of distances to its mean, sum of squared distances}
   */
  public static Map<String, Double> fromAggregates(
      Map<Integer, Long> sizes, Map<Integer, Vector> means, Map<Integer, double[]> spread) {
    int[] ids = means.keySet().stream().filter(spread::containsKey).mapToInt(Integer::intValue).sorted().toArray();
    Vector[] byId = new Vector[ids.length == 0 ? 0 : ids[ids.length - 1] + 1];
    long[] counts = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      byId[ids[i]] = means.get(ids[i]);
      counts[i] = sizes.get(ids[i]);
    }
    return ClusterGeometry.metrics(ids, counts, byId, spread);
  }

  /** Silhouette (euclidean, cosine) and Dunn on the bounded, seeded sample; empty when sampleSize is 0. */
  public static Map<String, Double> sampled(
      Dataset<Row> assigned, String featuresCol, String clusterCol, String idCol, int sampleSize, long seed) {
    Map<String, Double> metrics = new LinkedHashMap<>();
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
