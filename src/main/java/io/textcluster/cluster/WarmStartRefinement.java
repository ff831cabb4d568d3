package io.textcluster.cluster;

import io.textcluster.config.ClusterConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Bisecting k-means and LBG warm-started from an earlier run (cluster.init = previous-run): both methods end in
 * k-means refinement of the centres their splits produced, and the earlier run's clusters are already such centres,
 * so the splitting is skipped and the refinement (Lloyd iterations) starts from the earlier clusters measured in this
 * run's feature space. When k grows the extra centres are this run's k-means|| candidates, when it shrinks the earlier
 * clusters with the most shared documents are kept, exactly as {@link WarmStartKMeans} does.
 *
 * <p>The model assigns by nearest centre (as LBG's always does; a cold bisecting fit instead walks MLlib's split tree,
 * which a warm start does not build). The hierarchy: an earlier cluster keeps the parent it had in the earlier run's
 * clusters table when that parent is kept too; a new centre's parent is the earlier cluster whose refined centre is
 * nearest to it, the cluster it was carved from. Stable-id matching then renumbers both sides.
 */
final class WarmStartRefinement {
  private WarmStartRefinement() {}

  /** @param earlierParents the earlier run's parent of each earlier cluster id (empty when it had none) */
  static ClusteringModel fit(
      ClusterConfig cluster,
      String featuresCol,
      Dataset<Row> data,
      EarlierCentres.Measured earlier,
      Map<Integer, Integer> earlierParents) {
    Vector[] start = WarmStartKMeans.startingCentres(cluster, featuresCol, data, earlier);
    KMeansModel refined = WarmStartKMeans.lloyd(cluster, featuresCol, data, start);
    List<Integer> kept = WarmStartKMeans.keptIds(cluster.k(), earlier);
    Vector[] centres = refined.clusterCenters();
    Map<Integer, Integer> parents = parents(cluster.distance(), centres, kept, earlierParents);
    double cost = refined.summary().trainingCost();
    int iterations = refined.summary().numIter();
    boolean lbg = ClusterConfig.LBG.equals(cluster.algorithm());
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(lbg ? "lbg_training_cost" : "bisecting_kmeans_training_cost", cost);
    metrics.put("warm_start_iterations", (double) iterations);
    metrics.put("warm_start_earlier_centres", (double) kept.size());
    int added = centres.length - kept.size();
    ClusteringSummary summary =
        new ClusteringSummary(
            cluster.algorithm(), iterations, cost, parents, metrics,
            iterations + " refinement iterations, warm start from " + kept.size() + " earlier centres"
                + (added > 0 ? " and " + added + " new" : "") + " (no splitting)");
    return ClusteringModel.of(lbg ? "lbg" : "bisectingKMeans", refined, centres, summary);
  }

  /**
   * Parents by this fit's ids: centre i < kept.size() is earlier cluster kept.get(i); the rest are new centres.
   */
  static Map<Integer, Integer> parents(
      String distance, Vector[] centres, List<Integer> kept, Map<Integer, Integer> earlierParents) {
    Map<Integer, Integer> parents = new LinkedHashMap<>();
    for (int i = 0; i < kept.size(); i++) {
      Integer earlierParent = earlierParents.get(kept.get(i));
      int index = earlierParent == null ? -1 : kept.indexOf(earlierParent);
      if (index >= 0 && index != i) {
        parents.put(i, index);
      }
    }
    for (int i = kept.size(); i < centres.length && !kept.isEmpty(); i++) {
      int nearest = 0;
      for (int j = 1; j < kept.size(); j++) {
        if (WarmStartKMeans.distance(distance, centres[i], centres[j])
            < WarmStartKMeans.distance(distance, centres[i], centres[nearest])) {
          nearest = j;
        }
      }
      parents.put(i, nearest);
    }
    return parents;
  }
}
