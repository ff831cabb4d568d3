package io.textcluster.job;

import static org.apache.spark.sql.functions.col;

import io.textcluster.config.JobConfig;
import io.textcluster.describe.ClusterSummary;
import io.textcluster.evaluate.InternalMetrics;
import io.textcluster.instrument.StageProgress.Outcome;
import io.textcluster.schema.Columns;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The evaluate stage of a run: the run's metrics from what the earlier stages measured (the method's own figures, the
 * features', the naming's, the geometry and label agreement describe aggregated) plus the pairwise metrics, which
 * need their own bounded sample.
 */
final class EvaluateStage {
  private static final int NOISE = -1;

  private final JobConfig config;

  EvaluateStage(JobConfig config) {
    this.config = config;
  }

  Outcome<Map<String, Double>> evaluate(Clustered clustered, DescribeStage.Described described) {
    Map<String, Double> own = clustered.fit().metrics();
    Map<String, Double> metrics = new LinkedHashMap<>(own);
    metrics.putAll(clustered.features().metrics());
    metrics.putAll(described.namingMetrics());
    metrics.put("within_cluster_sse", described.clusters().stream().mapToDouble(ClusterSummary::squaredError).sum());
    long documents = clustered.features().count();
    long noise =
        described.clusters().stream().filter(c -> c.clusterId() == NOISE).mapToLong(ClusterSummary::size).sum();
    if (config.cluster().isDensity()) {
      metrics.put("noise_share", documents == 0 ? 0.0 : (double) noise / documents);
    }
    if (clustered.sweep() != null) {
      metrics.put("sweep_chosen_k", (double) clustered.k());
    }
    if (clustered.emptyClusters() > 0) {
      metrics.put("empty_clusters", (double) clustered.emptyClusters());
    }
    // The run's SSE stays the one to the model's centres (it is the sum of the clusters table's column); the SSE to
    // the cluster means (sklearn's inertia) differs only before k-means has converged.
    described.geometry().forEach(metrics::putIfAbsent);
    // Pairwise metrics describe the clusters: noise has no centre, so it is left out of them (label metrics keep it
    // as a group of its own, as scikit-learn scores HDBSCAN's -1 labels).
    InternalMetrics.sampled(
            noise > 0 ? clustered.assigned().filter(col(Columns.CLUSTER_ID).geq(0)) : clustered.assigned(),
            Columns.FEATURES,
            Columns.CLUSTER_ID,
            Columns.DOC_ID,
            config.evaluate().silhouette() ? config.evaluate().sampleSize() : 0,
            config.evaluate().sampleSeed())
        .forEach(metrics::putIfAbsent);
    if (described.contingency() != null) {
      metrics.putAll(described.contingency().metrics());
    }
    String shown =
        metrics.entrySet().stream()
            .filter(e -> !own.containsKey(e.getKey()))
            .filter(e -> !e.getKey().equals("within_cluster_sse"))
            .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
            .collect(Collectors.joining(", "));
    return new Outcome<>(metrics, shown.isEmpty() ? "within-cluster SSE only" : shown);
  }
}
