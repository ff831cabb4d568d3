package io.textcluster.cluster;

import io.textcluster.config.ClusterConfig;

/** Chooses the clustering method named by {@code cluster.algorithm}. */
public final class ClusteringMethods {
  private ClusteringMethods() {}

  public static ClusteringMethod forConfig(ClusterConfig cluster) {
    switch (cluster.algorithm()) {
      case ClusterConfig.KMEANS:
        return (featurized, featuresCol) -> KMeansClustering.fit(cluster, featuresCol, featurized);
      case ClusterConfig.BISECTING_KMEANS:
        return (featurized, featuresCol) -> BisectingKMeansClustering.fit(cluster, featuresCol, featurized);
      case ClusterConfig.LBG:
        return (featurized, featuresCol) -> LbgClustering.fit(cluster, featuresCol, featurized);
      case ClusterConfig.GMM:
        return (featurized, featuresCol) -> GaussianMixtureClustering.fit(cluster, featuresCol, featurized);
      case ClusterConfig.HDBSCAN:
      case ClusterConfig.DBSCAN:
        return (featurized, featuresCol) -> DensityClustering.fit(cluster, featuresCol, featurized);
      case ClusterConfig.AGGLOMERATIVE:
        return (featurized, featuresCol) -> AgglomerativeClustering.fit(cluster, featuresCol, featurized);
      default:
        throw new IllegalArgumentException("No clustering method for " + cluster.algorithm());
    }
  }
}
