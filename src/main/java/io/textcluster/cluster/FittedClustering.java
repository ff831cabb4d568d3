package io.textcluster.cluster;

import java.util.Map;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;

/**
 * What a fitted clustering method hands to the job.
 *
 * @param model assigns {@code cluster_id} (and the distance to its centre); becomes the last stage of the run's
 *     PipelineModel: a {@link ClusteringModel}, followed by a {@link ClusterIdMapping} when ids were matched
 * @param centres the centre of each cluster, indexed by cluster id (used for distances and representatives)
 * @param parents the parent cluster of each cluster, for hierarchical methods (empty otherwise)
 * @param metrics figures the method itself reports (e.g. its own cost), added to the run's metrics
 * @param summary one line for the console, e.g. "12 iterations"
 */
public record FittedClustering(
    Transformer model,
    Vector[] centres,
    Map<Integer, Integer> parents,
    Map<String, Double> metrics,
    String summary) {

  /** The job's view of a fitted clustering model. */
  public static FittedClustering of(ClusteringModel model) {
    ClusteringSummary summary = model.summary();
    return new FittedClustering(
        model, model.clusterCentres(), summary.parents(), summary.metrics(), summary.description());
  }
}
