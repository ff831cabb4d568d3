package io.textcluster.cluster;

import io.textcluster.config.ClusterConfig;
import org.apache.spark.ml.clustering.KMeans;

/** Spark MLlib's k-means, configured from the run's cluster settings. */
public final class KMeansClustering {
  public static final String CLUSTER_ID = "cluster_id";

  private KMeansClustering() {}

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
