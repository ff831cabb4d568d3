package io.textcluster.config;


/** Reads and validates the cluster.* keys: the method, its own settings, the density and sweep groups. */
final class ClusterConfigReader {
  private ClusterConfigReader() {}

  static ClusterConfig read(TypedConfig c) {
    String algorithm =
        c.oneOf(
            "cluster.algorithm",
            ClusterConfig.KMEANS,
            ClusterConfig.BISECTING_KMEANS,
            ClusterConfig.LBG,
            ClusterConfig.GMM,
            ClusterConfig.HDBSCAN,
            ClusterConfig.DBSCAN,
            ClusterConfig.AGGLOMERATIVE);
    return new ClusterConfig(
        algorithm,
        c.intAtLeast("cluster.k", 2),
        c.optionalLong("cluster.seed", Long.MIN_VALUE).orElse(42L),
        c.intAtLeast("cluster.max-iterations", 1),
        c.positiveDouble("cluster.tolerance"),
        c.oneOf("cluster.distance", ClusterConfig.COSINE, ClusterConfig.EUCLIDEAN),
        c.oneOf("cluster.init", "k-means||", "random", NightlyConfig.PREVIOUS_RUN),
        c.intAtLeast("cluster.init-steps", 1),
        c.intAtLeast("cluster.restarts", 1),
        c.oneOf("cluster.kmeans-solver", ClusterConfig.SOLVER_AUTO, ClusterConfig.SOLVER_DENSE, ClusterConfig.SOLVER_MLLIB),
        c.positiveDouble("cluster.lbg.epsilon"),
        c.oneOf(
            "cluster.gmm.reduction",
            ClusterConfig.GMM_REDUCTION_LSA,
            ClusterConfig.GMM_REDUCTION_PCA,
            ClusterConfig.GMM_REDUCTION_NONE),
        c.intAtLeast("cluster.gmm.dimensions", 2),
        c.bool("cluster.gmm.probabilities"),
        readDensity(c),
        new ClusterConfig.Agglomerative(
            c.oneOf(
                "cluster.agglomerative.linkage",
                ClusterConfig.Agglomerative.WARD,
                ClusterConfig.Agglomerative.AVERAGE,
                ClusterConfig.Agglomerative.COMPLETE,
                ClusterConfig.Agglomerative.SINGLE),
            intInRange(c, "cluster.agglomerative.sample-size", 2, MAX_AGGLOMERATIVE_SAMPLE)),
        readSweep(c, algorithm));
  }

  /** The driver holds sample-size^2 distances for agglomerative clustering: 20,000 is 3.2 GB already. */
  static final int MAX_AGGLOMERATIVE_SAMPLE = 20_000;
  /** Density fits cost sample-size^2 distance evaluations on the driver. */
  static final int MAX_DENSITY_SAMPLE = 100_000;

  private static ClusterConfig.Density readDensity(TypedConfig c) {
    int sampleSize = intInRange(c, "cluster.density.sample-size", 10, MAX_DENSITY_SAMPLE);
    int minClusterSize = c.intAtLeast("cluster.density.min-cluster-size", 2);
    int minSamples = c.intAtLeast("cluster.density.min-samples", 1);
    if (minSamples > sampleSize) {
      throw InvalidConfigException.badValue(
          "cluster.density.min-samples", minSamples, "at most cluster.density.sample-size (" + sampleSize + ")");
    }
    return new ClusterConfig.Density(sampleSize, minClusterSize, minSamples, c.positiveDouble("cluster.density.eps"));
  }

  private static ClusterConfig.Sweep readSweep(TypedConfig c, String algorithm) {
    boolean enabled = c.bool("cluster.sweep.enabled");
    int from = c.intAtLeast("cluster.sweep.k-from", 2);
    int to = c.intAtLeast("cluster.sweep.k-to", 2);
    int step = c.intAtLeast("cluster.sweep.k-step", 1);
    String rule =
        c.oneOf(
            "cluster.sweep.rule",
            ClusterConfig.Sweep.SILHOUETTE,
            ClusterConfig.Sweep.CALINSKI_HARABASZ,
            ClusterConfig.Sweep.DAVIES_BOULDIN,
            ClusterConfig.Sweep.ELBOW,
            ClusterConfig.Sweep.FIXED);
    if (enabled) {
      if (to < from) {
        throw InvalidConfigException.badValue(
            "cluster.sweep.k-to", to, "a k >= cluster.sweep.k-from (" + from + ")");
      }
      if (algorithm.equals(ClusterConfig.HDBSCAN) || algorithm.equals(ClusterConfig.DBSCAN)) {
        throw InvalidConfigException.badValue(
            "cluster.sweep.enabled", true, "false when cluster.algorithm = " + algorithm + " (density methods find "
                + "their own number of clusters; sweep kmeans, bisecting-kmeans, lbg, gmm or agglomerative)");
      }
      if (rule.equals(ClusterConfig.Sweep.ELBOW) && (to - from) / step < 2) {
        throw InvalidConfigException.badValue(
            "cluster.sweep.rule", rule, "a rule other than elbow, or a sweep of at least 3 values of k (the elbow "
                + "is the bend of the inertia curve)");
      }
    }
    return new ClusterConfig.Sweep(enabled, from, to, step, rule);
  }

  private static int intInRange(TypedConfig c, String key, int min, int max) {
    int value = c.intAtLeast(key, min);
    if (value > max) {
      throw InvalidConfigException.badValue(key, value, "a whole number from " + min + " to " + max);
    }
    return value;
  }
}
