package io.textcluster.cluster;

import io.textcluster.config.ClusterConfig;
import io.textcluster.config.ClusterControl;

/** Chooses the clustering Estimator named by {@code cluster.algorithm}, its params set from the run's settings. */
public final class ClusteringMethods {
  private ClusteringMethods() {}

  public static ClusteringMethod forConfig(ClusterConfig cluster) {
    return forConfig(cluster, ClusterControl.DEFAULTS);
  }

  /** As above, with the analyst's controls: reduction, noise and cluster.reduce-to (issue 22). */
  public static ClusteringMethod forConfig(ClusterConfig cluster, ClusterControl control) {
    return (featurized, featuresCol) -> {
      ClusteringModel model = estimator(cluster, control).setFeaturesCol(featuresCol).fit(featurized);
      if (control.reduceTo() > 0) {
        model = ReduceTo.apply(model, featurized, control.reduceTo());
      }
      return FittedClustering.of(model);
    };
  }

  /** The Estimator for {@code cluster.algorithm}; its fit reads back exactly the settings given here. */
  public static ClusteringEstimator<?> estimator(ClusterConfig cluster) {
    return estimator(cluster, ClusterControl.DEFAULTS);
  }

  /** As above, with the reduction and noise rule of {@code control} for the methods that read them. */
  public static ClusteringEstimator<?> estimator(ClusterConfig cluster, ClusterControl control) {
    ClusteringEstimator<?> estimator = methodEstimator(cluster);
    if (estimator instanceof InputReductionParams reducing) {
      reducing.setReductionFrom(control);
    }
    if (estimator instanceof DensityParams density) {
      density.setNoiseFrom(control);
    }
    return estimator;
  }

  private static ClusteringEstimator<?> methodEstimator(ClusterConfig cluster) {
    switch (cluster.algorithm()) {
      case ClusterConfig.KMEANS:
        return common(new KMeansEstimator(), cluster)
            .setMaxIter(cluster.maxIterations())
            .setTol(cluster.tolerance())
            .setInitMode(cluster.init())
            .setInitSteps(cluster.initSteps())
            .setRestarts(cluster.restarts())
            .setSolver(cluster.kmeansSolver());
      case ClusterConfig.BISECTING_KMEANS:
        return common(new BisectingKMeansEstimator(), cluster).setMaxIter(cluster.maxIterations());
      case ClusterConfig.LBG:
        return common(new LbgEstimator(), cluster)
            .setMaxIter(cluster.maxIterations())
            .setTol(cluster.tolerance())
            .setSolver(cluster.kmeansSolver())
            .setEpsilon(cluster.lbgEpsilon());
      case ClusterConfig.GMM:
        return common(new GaussianMixtureEstimator(), cluster)
            .setMaxIter(cluster.maxIterations())
            .setTol(cluster.tolerance())
            .setReduction(cluster.gmmReduction())
            .setDimensions(cluster.gmmDimensions())
            .setKeepProbabilities(cluster.gmmProbabilities());
      case ClusterConfig.HDBSCAN:
        return common(new HdbscanEstimator(), cluster)
            .setSampleSize(cluster.density().sampleSize())
            .setMinClusterSize(cluster.density().minClusterSize())
            .setMinSamples(cluster.density().minSamples());
      case ClusterConfig.DBSCAN:
        return common(new DbscanEstimator(), cluster)
            .setSampleSize(cluster.density().sampleSize())
            .setMinSamples(cluster.density().minSamples())
            .setEps(cluster.density().eps());
      case ClusterConfig.AGGLOMERATIVE:
        return common(new AgglomerativeEstimator(), cluster)
            .setLinkage(cluster.agglomerative().linkage())
            .setSampleSize(cluster.agglomerative().sampleSize());
      default:
        throw new IllegalArgumentException("No clustering method for " + cluster.algorithm());
    }
  }

  private static <E extends ClusteringEstimator<E>> E common(E estimator, ClusterConfig cluster) {
    // Density methods find their own number of clusters; their k is left at its default, never read.
    if (!cluster.isDensity()) {
      estimator.setK(cluster.k());
    }
    return estimator.setSeed(cluster.seed()).setDistanceMeasure(cluster.distance());
  }
}
