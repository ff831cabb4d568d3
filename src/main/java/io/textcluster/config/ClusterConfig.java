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
    boolean gmmProbabilities,
    Density density,
    Agglomerative agglomerative,
    Sweep sweep) {
  public static final String KMEANS = "kmeans";
  public static final String BISECTING_KMEANS = "bisecting-kmeans";
  public static final String LBG = "lbg";
  public static final String GMM = "gmm";
  public static final String HDBSCAN = "hdbscan";
  public static final String DBSCAN = "dbscan";
  public static final String AGGLOMERATIVE = "agglomerative";
  public static final String GMM_REDUCTION_LSA = "lsa";
  public static final String GMM_REDUCTION_PCA = "pca";
  public static final String GMM_REDUCTION_NONE = "none";
  /** k-means solver: dense when the features are dense (LSA, embeddings, numeric columns), else MLlib. */
  public static final String SOLVER_AUTO = "auto";
  public static final String SOLVER_DENSE = "dense";
  public static final String SOLVER_MLLIB = "mllib";
  public static final String COSINE = "cosine";
  public static final String EUCLIDEAN = "euclidean";

  /**
   * cluster.density: HDBSCAN and DBSCAN are fitted on {@code sampleSize} documents; {@code minClusterSize} is
   * HDBSCAN's smallest cluster, {@code minSamples} the neighbours (the point itself included) that make a point core
   * in both, {@code eps} DBSCAN's neighbourhood radius in cluster.distance units.
   */
  public record Density(int sampleSize, int minClusterSize, int minSamples, double eps) {
    public static final Density DEFAULTS = new Density(5000, 15, 5, 0.3);
  }

  /** cluster.agglomerative: linkage (ward, average, complete, single) on a sample of {@code sampleSize} documents. */
  public record Agglomerative(String linkage, int sampleSize) {
    public static final String WARD = "ward";
    public static final String AVERAGE = "average";
    public static final String COMPLETE = "complete";
    public static final String SINGLE = "single";
    public static final Agglomerative DEFAULTS = new Agglomerative(WARD, 2000);
  }

  /** cluster.sweep: fit every k of kFrom..kTo (step kStep), score each, and pick the final k by {@code rule}. */
  public record Sweep(boolean enabled, int kFrom, int kTo, int kStep, String rule) {
    public static final String SILHOUETTE = "silhouette";
    public static final String CALINSKI_HARABASZ = "calinski-harabasz";
    public static final String DAVIES_BOULDIN = "davies-bouldin";
    public static final String ELBOW = "elbow";
    /** Sweep and record every k, but keep cluster.k for the final run. */
    public static final String FIXED = "fixed";
    public static final Sweep OFF = new Sweep(false, 2, 10, 1, SILHOUETTE);
  }

  /** The settings before density, agglomerative and sweep existed; those take their defaults, the solver auto. */
  public ClusterConfig(
      String algorithm, int k, long seed, int maxIterations, double tolerance, String distance, String init,
      int initSteps, int restarts, double lbgEpsilon, String gmmReduction, int gmmDimensions,
      boolean gmmProbabilities) {
    this(algorithm, k, seed, maxIterations, tolerance, distance, init, initSteps, restarts, SOLVER_AUTO, lbgEpsilon,
        gmmReduction, gmmDimensions, gmmProbabilities);
  }

  /** As above, with the k-means solver named. */
  public ClusterConfig(
      String algorithm, int k, long seed, int maxIterations, double tolerance, String distance, String init,
      int initSteps, int restarts, String kmeansSolver, double lbgEpsilon, String gmmReduction, int gmmDimensions,
      boolean gmmProbabilities) {
    this(algorithm, k, seed, maxIterations, tolerance, distance, init, initSteps, restarts, kmeansSolver, lbgEpsilon,
        gmmReduction, gmmDimensions, gmmProbabilities, Density.DEFAULTS, Agglomerative.DEFAULTS, Sweep.OFF);
  }

  /** The same settings with another k (the k sweep fits each k with everything else unchanged). */
  public ClusterConfig withK(int newK) {
    return new ClusterConfig(algorithm, newK, seed, maxIterations, tolerance, distance, init, initSteps, restarts,
        kmeansSolver, lbgEpsilon, gmmReduction, gmmDimensions, gmmProbabilities, density, agglomerative, sweep);
  }

  /** Density methods find their own number of clusters: cluster.k does not apply to them. */
  public boolean isDensity() {
    return algorithm.equals(HDBSCAN) || algorithm.equals(DBSCAN);
  }
}
