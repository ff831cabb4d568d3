package io.textcluster.config;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Map;

/**
 * Which cluster settings belong to which methods, so that a setting for another method than cluster.algorithm is a
 * config error instead of silently ignored. A setting counts as given when the user's config holds it with a value
 * other than the default: a run's recorded config (which holds every key, at its default where unused) passes.
 *
 * <p>cluster.restarts is not listed: configs shared across methods set it for all of them (it stays kmeans-only in
 * effect). cluster.k, seed, max-iterations, tolerance and distance are shared by several methods.
 */
final class ClusterMethodSettings {
  /** Key (or key prefix ending in '.') -> the algorithms that read it. */
  private static final Map<String, List<String>> OWNERS =
      Map.ofEntries(
          Map.entry("cluster.init", List.of(ClusterConfig.KMEANS)),
          Map.entry("cluster.init-steps", List.of(ClusterConfig.KMEANS)),
          Map.entry("cluster.kmeans-solver", List.of(ClusterConfig.KMEANS, ClusterConfig.LBG)),
          Map.entry("cluster.lbg.", List.of(ClusterConfig.LBG)),
          Map.entry("cluster.gmm.", List.of(ClusterConfig.GMM)),
          Map.entry("cluster.density.sample-size", List.of(ClusterConfig.HDBSCAN, ClusterConfig.DBSCAN)),
          Map.entry("cluster.density.min-samples", List.of(ClusterConfig.HDBSCAN, ClusterConfig.DBSCAN)),
          Map.entry("cluster.density.min-cluster-size", List.of(ClusterConfig.HDBSCAN)),
          Map.entry("cluster.density.eps", List.of(ClusterConfig.DBSCAN)),
          // cluster.density.noise, noise-distance and noise-quantile (issue 22)
          Map.entry("cluster.density.noise", List.of(ClusterConfig.HDBSCAN, ClusterConfig.DBSCAN)),
          Map.entry("cluster.agglomerative.", List.of(ClusterConfig.AGGLOMERATIVE)),
          Map.entry("cluster.reduction.",
              List.of(ClusterConfig.HDBSCAN, ClusterConfig.DBSCAN, ClusterConfig.AGGLOMERATIVE)));

  private ClusterMethodSettings() {}

  /** Throws naming the first key the user set, away from its default, that {@code algorithm} does not read. */
  static void rejectOtherMethods(Config user, Config merged, Config defaults, String algorithm) {
    for (String key : ConfigKeys.leafPaths(defaults.root())) {
      List<String> owners = owners(key);
      if (owners == null || owners.contains(algorithm) || !user.hasPath(key)) {
        continue;
      }
      // Compared as text: a --set override arrives as a string ("0.01") where the default is a number.
      String given = String.valueOf(merged.getValue(key).unwrapped());
      if (given.equals(String.valueOf(defaults.getValue(key).unwrapped()))) {
        continue;
      }
      // Issue 17: cluster.init = previous-run is read by every centre-based method (NightlyConfig checks which).
      if (key.equals("cluster.init") && given.equals(NightlyConfig.PREVIOUS_RUN)) {
        continue;
      }
      throw new InvalidConfigException(
          "Config key '" + key + "' is set, but only cluster.algorithm = " + String.join(" or ", owners)
              + " reads it and cluster.algorithm is " + algorithm + "; remove '" + key
              + "' or choose a method that uses it.");
    }
  }

  private static List<String> owners(String key) {
    for (Map.Entry<String, List<String>> entry : OWNERS.entrySet()) {
      String owned = entry.getKey();
      boolean noiseKey = owned.equals("cluster.density.noise") && key.startsWith("cluster.density.noise");
      if (noiseKey || (owned.endsWith(".") ? key.startsWith(owned) : key.equals(owned))) {
        return entry.getValue();
      }
    }
    return null;
  }
}
