package io.textcluster.config;

/**
 * The analyst's controls over what the clustering method hands back (issue 22), read from their own keys so that
 * {@link ClusterConfig} keeps its shape:
 *
 * @param reduction cluster.reduction.method: auto | lsa | random-projection | none, how hdbscan, dbscan and
 *     agglomerative reduce sparse or wide features (TF-IDF) before their driver-side fit
 * @param reductionDimensions cluster.reduction.dimensions: dimensions after that reduction
 * @param noise cluster.density.noise: keep | nearest | within, what becomes of a density method's noise documents
 * @param noiseDistance cluster.density.noise-distance: "within" reassigns noise no farther than this from its nearest
 *     cluster centre (cluster.distance units); 0 = take the threshold from noise-quantile
 * @param noiseQuantile cluster.density.noise-quantile: "within" threshold as this quantile of the clustered sample
 *     documents' distances to their own centre
 * @param reduceTo cluster.reduce-to: merge the closest clusters after fitting until this many remain (0 = off)
 * @param topics cluster.seed-topics and cluster.topics: the analyst's named topics
 */
public record ClusterControl(
    String reduction, int reductionDimensions, String noise, double noiseDistance, double noiseQuantile,
    int reduceTo, GuidedTopics topics) {
  public static final String AUTO = "auto";
  public static final String LSA = "lsa";
  public static final String RANDOM_PROJECTION = "random-projection";
  public static final String NONE = "none";
  public static final String KEEP = "keep";
  public static final String NEAREST = "nearest";
  public static final String WITHIN = "within";
  /** conf/defaults.conf's values: what a run without these keys gets. */
  public static final ClusterControl DEFAULTS = new ClusterControl(AUTO, 50, KEEP, 0, 0.9, 0);

  /** Without named topics. */
  public ClusterControl(
      String reduction, int reductionDimensions, String noise, double noiseDistance, double noiseQuantile,
      int reduceTo) {
    this(reduction, reductionDimensions, noise, noiseDistance, noiseQuantile, reduceTo, GuidedTopics.NONE);
  }

  static ClusterControl read(TypedConfig c, ClusterConfig cluster) {
    String reduction = c.oneOf("cluster.reduction.method", AUTO, LSA, RANDOM_PROJECTION, NONE);
    int dimensions = c.intAtLeast("cluster.reduction.dimensions", 2);
    String noise = c.oneOf("cluster.density.noise", KEEP, NEAREST, WITHIN);
    double distance = nonNegative(c, "cluster.density.noise-distance");
    double quantile = c.positiveDouble("cluster.density.noise-quantile");
    if (quantile > 1) {
      throw InvalidConfigException.badValue("cluster.density.noise-quantile", quantile, "a fraction in (0, 1]");
    }
    int reduceTo = c.intAtLeast("cluster.reduce-to", 0);
    if (reduceTo == 1) {
      throw InvalidConfigException.badValue("cluster.reduce-to", reduceTo, "0 (off) or at least 2 clusters");
    }
    if (reduceTo > 0 && !cluster.isDensity() && reduceTo >= cluster.k()) {
      throw InvalidConfigException.badValue(
          "cluster.reduce-to", reduceTo, "fewer clusters than cluster.k (" + cluster.k() + "), or 0 for off");
    }
    return new ClusterControl(reduction, dimensions, noise, distance, quantile, reduceTo, GuidedTopics.read(c, cluster));
  }

  private static double nonNegative(TypedConfig c, String key) {
    String text = c.string(key);
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw InvalidConfigException.badValue(key, text, "a number >= 0");
    }
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw InvalidConfigException.badValue(key, value, "a number >= 0");
    }
    return value;
  }
}
