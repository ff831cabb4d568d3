package io.textcluster.config;

/** Which clustering algorithm runs, and its settings. */
public record ClusterConfig(
    String algorithm,
    int k,
    long seed,
    int maxIterations,
    double tolerance,
    String distance,
    String init,
    int initSteps,
    int restarts) {
  public static final String KMEANS = "kmeans";
  public static final String COSINE = "cosine";
  public static final String EUCLIDEAN = "euclidean";
}
