package io.textcluster.cluster;

import io.textcluster.config.ClusterConfig;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Gaussian mixture (cluster.algorithm = gmm, see {@link GaussianMixtureClustering}) on features reduced to {@code
 * dimensions}: EM from k-means clusters. Its model also writes {@code probabilityCol}, the highest membership
 * probability, and keeps the full vector as {@code probabilities} when {@code keepProbabilities} is set.
 */
public class GaussianMixtureEstimator extends ClusteringEstimator<GaussianMixtureEstimator>
    implements IterativeParams {
  private static final long serialVersionUID = 1L;

  public GaussianMixtureEstimator(String uid) {
    super(uid);
    setIterativeDefaults();
    setDefault(reduction(), ClusterConfig.GMM_REDUCTION_LSA);
    setDefault(dimensions(), 20);
    setDefault(keepProbabilities(), false);
  }

  public GaussianMixtureEstimator() {
    this(Identifiable.randomUID("gmm"));
  }

  public Param<String> reduction() {
    return new Param<>(this, "reduction", "lsa, pca or none: how the features are reduced before EM",
        ParamValidators.inArray(new String[] {
            ClusterConfig.GMM_REDUCTION_LSA, ClusterConfig.GMM_REDUCTION_PCA, ClusterConfig.GMM_REDUCTION_NONE}));
  }

  public IntParam dimensions() {
    return new IntParam(this, "dimensions", "dimensions after reduction (2.." + GaussianMixtureClustering.SAFE_DIMENSIONS
        + ")", ParamValidators.<Object>inRange(2, GaussianMixtureClustering.SAFE_DIMENSIONS));
  }

  public BooleanParam keepProbabilities() {
    return new BooleanParam(this, "keepProbabilities", "also write the full membership vector (probabilities)");
  }

  public GaussianMixtureEstimator setMaxIter(int value) {
    set(maxIter(), value);
    return this;
  }

  public GaussianMixtureEstimator setTol(double value) {
    set(tol(), value);
    return this;
  }

  public GaussianMixtureEstimator setReduction(String value) {
    set(reduction(), value);
    return this;
  }

  public GaussianMixtureEstimator setDimensions(int value) {
    set(dimensions(), value);
    return this;
  }

  public GaussianMixtureEstimator setKeepProbabilities(boolean value) {
    set(keepProbabilities(), value);
    return this;
  }

  public String getReduction() {
    return getOrDefault(reduction());
  }

  public int getDimensions() {
    return (Integer) getOrDefault(dimensions());
  }

  public boolean getKeepProbabilities() {
    return (Boolean) getOrDefault(keepProbabilities());
  }

  @Override
  public ClusterConfig settings() {
    return new ClusterConfig(ClusterConfig.GMM, getK(), getSeed(), getMaxIter(), getTol(), getDistanceMeasure(),
        DEFAULTS.init(), DEFAULTS.initSteps(), DEFAULTS.restarts(), DEFAULTS.kmeansSolver(), DEFAULTS.lbgEpsilon(),
        getReduction(), getDimensions(), getKeepProbabilities());
  }

  @Override
  ClusteringModel fitModel(ClusterConfig settings, Dataset<Row> data) {
    return GaussianMixtureClustering.fit(settings, getFeaturesCol(), data);
  }

  public static MLReader<GaussianMixtureEstimator> read() {
    return new DefaultParamsReader<>();
  }

  public static GaussianMixtureEstimator load(String path) {
    return read().load(path);
  }
}
