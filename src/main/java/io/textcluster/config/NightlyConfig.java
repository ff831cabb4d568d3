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
  /** cluster.init = previous-run: k-means warm-started from cluster.match-run's clusters. */
  public static final String PREVIOUS_RUN = "previous-run";

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
      if (!c.string("cluster.algorithm").equals(ClusterConfig.KMEANS) || c.bool("cluster.sweep.enabled")) {
        throw new InvalidConfigException(
            "cluster.init = previous-run warm-starts k-means with a fixed k: it needs cluster.algorithm = kmeans and "
                + "cluster.sweep.enabled = false (set 'cluster.init' = \"k-means||\" otherwise).");
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
