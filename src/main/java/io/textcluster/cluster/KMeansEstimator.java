package io.textcluster.cluster;

import io.textcluster.cluster.lloyd.DenseKMeans;
import io.textcluster.config.ClusterConfig;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * k-means (cluster.algorithm = kmeans) with either solver: MLlib's, or textcluster's {@link DenseKMeans} (float32
 * blocks, one matrix multiply per block) for dense features; best of {@code restarts} fits by cost.
 */
public class KMeansEstimator extends ClusteringEstimator<KMeansEstimator> implements IterativeParams.WithSolver {
  private static final long serialVersionUID = 1L;

  public KMeansEstimator(String uid) {
    super(uid);
    setIterativeDefaults();
    setDefault(solver(), ClusterConfig.SOLVER_AUTO);
    setDefault(initMode(), "k-means||");
    setDefault(initSteps(), 2);
    setDefault(restarts(), 5);
  }

  public KMeansEstimator() {
    this(Identifiable.randomUID("kmeans"));
  }

  public Param<String> initMode() {
    return new Param<>(this, "initMode", "k-means|| (scalable k-means++) or random",
        ParamValidators.inArray(new String[] {"k-means||", "random"}));
  }

  public IntParam initSteps() {
    return new IntParam(this, "initSteps", "k-means|| rounds (>= 1)", ParamValidators.<Object>gtEq(1));
  }

  public IntParam restarts() {
    return new IntParam(this, "restarts", "fits from different seeds, the lowest cost kept (>= 1)",
        ParamValidators.<Object>gtEq(1));
  }

  public KMeansEstimator setMaxIter(int value) {
    set(maxIter(), value);
    return this;
  }

  public KMeansEstimator setTol(double value) {
    set(tol(), value);
    return this;
  }

  public KMeansEstimator setSolver(String value) {
    set(solver(), value);
    return this;
  }

  public KMeansEstimator setInitMode(String value) {
    set(initMode(), value);
    return this;
  }

  public KMeansEstimator setInitSteps(int value) {
    set(initSteps(), value);
    return this;
  }

  public KMeansEstimator setRestarts(int value) {
    set(restarts(), value);
    return this;
  }

  public String getInitMode() {
    return getOrDefault(initMode());
  }

  public int getInitSteps() {
    return (Integer) getOrDefault(initSteps());
  }

  public int getRestarts() {
    return (Integer) getOrDefault(restarts());
  }

  @Override
  public ClusterConfig settings() {
    return new ClusterConfig(ClusterConfig.KMEANS, getK(), getSeed(), getMaxIter(), getTol(), getDistanceMeasure(),
        getInitMode(), getInitSteps(), getRestarts(), getSolver(), DEFAULTS.lbgEpsilon(), DEFAULTS.gmmReduction(),
        DEFAULTS.gmmDimensions(), DEFAULTS.gmmProbabilities());
  }

  @Override
  ClusteringModel fitModel(ClusterConfig settings, Dataset<Row> data) {
    return KMeansClustering.fit(settings, getFeaturesCol(), data);
  }

  public static MLReader<KMeansEstimator> read() {
    return new DefaultParamsReader<>();
  }

  public static KMeansEstimator load(String path) {
    return read().load(path);
  }
}
