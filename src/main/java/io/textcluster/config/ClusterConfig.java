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
    int restarts,
    String kmeansSolver,
    double lbgEpsilon,
    String gmmReduction,
    int gmmDimensions,
    boolean gmmProbabilities) {
  public static final String KMEANS = "kmeans";
  public static final String BISECTING_KMEANS = "bisecting-kmeans";
  public static final String LBG = "lbg";
  public static final String GMM = "gmm";
  public static final String GMM_REDUCTION_LSA = "lsa";
  public static final String GMM_REDUCTION_PCA = "pca";
  public static final String GMM_REDUCTION_NONE = "none";
  /** k-means solver: dense when the features are dense (LSA, embeddings, numeric columns), else MLlib. */
  public static final String SOLVER_AUTO = "auto";
  public static final String SOLVER_DENSE = "dense";
  public static final String SOLVER_MLLIB = "mllib";
  public static final String COSINE = "cosine";
  public static final String EUCLIDEAN = "euclidean";
}
