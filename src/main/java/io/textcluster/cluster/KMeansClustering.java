package io.textcluster.cluster;

import io.textcluster.config.ClusterConfig;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Spark MLlib's k-means, configured from the run's cluster settings. Like scikit-learn's n_init, it runs from
 * several seeds and keeps the fit with the lowest cost: one unlucky initialisation otherwise merges two topics.
 */
public final class KMeansClustering {
  public static final String CLUSTER_ID = "cluster_id";

  private KMeansClustering() {}

  /** The restarts' best model, with its centres and cost, as the job expects from any method. */
  static FittedClustering fit(ClusterConfig cluster, String featuresCol, Dataset<Row> data) {
    KMeansModel model = fitBest(cluster, featuresCol, data);
    return new FittedClustering(
        model,
        model.clusterCenters(),
        java.util.Map.of(),
        java.util.Map.of("kmeans_training_cost", model.summary().trainingCost()),
        model.summary().numIter() + " iterations, best of " + cluster.restarts() + " restarts");
  }

  /** Fits {@code cluster.restarts} times (seeds derived from cluster.seed) and returns the lowest-cost model. */
  public static KMeansModel fitBest(ClusterConfig cluster, String featuresCol, Dataset<Row> data) {
    KMeansModel best = null;
    for (int restart = 0; restart < cluster.restarts(); restart++) {
      KMeans estimator = estimator(cluster, featuresCol).setSeed(cluster.seed() + 7919L * restart);
      KMeansModel model = estimator.fit(data);
      if (best == null || model.summary().trainingCost() < best.summary().trainingCost()) {
        best = model;
      }
    }
    return best;
  }

  public static KMeans estimator(ClusterConfig cluster, String featuresCol) {
    return new KMeans()
        .setFeaturesCol(featuresCol)
        .setPredictionCol(CLUSTER_ID)
        .setK(cluster.k())
        .setSeed(cluster.seed())
        .setMaxIter(cluster.maxIterations())
        .setTol(cluster.tolerance())
        .setDistanceMeasure(cluster.distance())
        .setInitMode(cluster.init().equals("random") ? "random" : "k-means||")
        .setInitSteps(cluster.initSteps());
  }
}
