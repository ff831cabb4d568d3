package io.textcluster.config;

import java.util.List;
import java.util.Optional;

/**
 * Settings for scheduled re-fits and predicts: cluster lineage against cluster.match-run (lineage.min-share), trends
 * over a time column (input.time-column, trends.period, trends.emerging) and novelty (cluster.novelty-quantile).
 */
public record NightlyConfig(
    double lineageMinShare, Optional<String> timeColumn, String period, int emerging, double noveltyQuantile) {
  public static final List<String> PERIODS = List.of("day", "week", "month");
  /** cluster.init = previous-run: a fit warm-started from cluster.match-run's clusters. */
  public static final String PREVIOUS_RUN = "previous-run";
  /** The centre-based methods, which can start from earlier centres (cluster/WarmStart). */
  public static final List<String> WARM_STARTABLE =
      List.of(ClusterConfig.KMEANS, ClusterConfig.BISECTING_KMEANS, ClusterConfig.LBG, ClusterConfig.GMM);

  /** The one-line refusal for a method without centres to start from. */
  public static String cannotWarmStart(String algorithm) {
    return "cluster.init = previous-run needs a centre-based cluster.algorithm (" + String.join(", ", WARM_STARTABLE)
        + "); " + algorithm + " has no centres to start from: set 'cluster.init' = \"k-means||\".";
  }

  /** input.keep-columns plus input.time-column: the time lands in assignments, where trends (and users) read it. */
  static List<String> keepColumns(TypedConfig c) {
    List<String> keep = new java.util.ArrayList<>(c.stringList("input.keep-columns"));
    c.optionalString("input.time-column").filter(t -> !keep.contains(t)).ifPresent(keep::add);
    return List.copyOf(keep);
  }

  static NightlyConfig read(TypedConfig c) {
    if (PREVIOUS_RUN.equals(c.string("cluster.init"))) {
      if (c.optionalString("cluster.match-run").isEmpty()) {
        throw new InvalidConfigException(
            "cluster.init = previous-run starts from an earlier run's clusters, but 'cluster.match-run' is empty: set "
                + "it to that run's id, or set 'cluster.init' = \"k-means||\".");
      }
      if (!WARM_STARTABLE.contains(c.string("cluster.algorithm"))) {
        throw new InvalidConfigException(cannotWarmStart(c.string("cluster.algorithm")));
      }
      if (c.bool("cluster.sweep.enabled")) {
        throw new InvalidConfigException(
            "cluster.init = previous-run warm-starts a fit with a fixed k: set cluster.sweep.enabled = false, or "
                + "'cluster.init' = \"k-means||\".");
      }
    }
    double minShare = c.positiveDouble("lineage.min-share");
    if (minShare > 0.5) {
      throw InvalidConfigException.badValue(
          "lineage.min-share", minShare, "a share above 0 and at most 0.5 (a link carrying it makes a cluster a "
              + "source or a successor)");
    }
    double quantile = c.positiveDouble("cluster.novelty-quantile");
    if (quantile >= 1) {
      throw InvalidConfigException.badValue(
          "cluster.novelty-quantile", quantile, "a quantile above 0 and below 1, e.g. 0.99");
    }
    return new NightlyConfig(
        minShare,
        c.optionalString("input.time-column"),
        c.oneOf("trends.period", PERIODS.toArray(String[]::new)),
        c.intAtLeast("trends.emerging", 0),
        quantile);
  }
}
