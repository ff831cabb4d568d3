package io.textcluster.cluster;

import io.textcluster.config.ClusterConfig;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * LBG splitting (cluster.algorithm = lbg, see {@link LbgClustering}): from the centroid of all documents, split every
 * centre in two and refine with k-means, until k. The model's summary holds the split tree (parents).
 */
public class LbgEstimator extends ClusteringEstimator<LbgEstimator> implements IterativeParams.WithSolver {
  private static final long serialVersionUID = 1L;

  public LbgEstimator(String uid) {
    super(uid);
    setIterativeDefaults();
    setDefault(solver(), ClusterConfig.SOLVER_AUTO);
    setDefault(epsilon(), 0.01);
  }

  public LbgEstimator() {
    this(Identifiable.randomUID("lbg"));
  }

  public DoubleParam epsilon() {
    return new DoubleParam(this, "epsilon",
        "relative size of the nudge that splits a centre c into c +/- epsilon * |c| * u (> 0)",
        ParamValidators.<Object>gt(0));
  }

  public LbgEstimator setEpsilon(double value) {
    set(epsilon(), value);
    return this;
  }

  public double getEpsilon() {
    return (Double) getOrDefault(epsilon());
  }

  public LbgEstimator setMaxIter(int value) {
    set(maxIter(), value);
    return this;
  }

  public LbgEstimator setTol(double value) {
    set(tol(), value);
    return this;
  }

  public LbgEstimator setSolver(String value) {
    set(solver(), value);
    return this;
  }

  @Override
  public ClusterConfig settings() {
    return new ClusterConfig(ClusterConfig.LBG, getK(), getSeed(), getMaxIter(), getTol(), getDistanceMeasure(),
        DEFAULTS.init(), DEFAULTS.initSteps(), DEFAULTS.restarts(), getSolver(), getEpsilon(), DEFAULTS.gmmReduction(),
        DEFAULTS.gmmDimensions(), DEFAULTS.gmmProbabilities());
  }

  @Override
  ClusteringModel fitModel(ClusterConfig settings, Dataset<Row> data) {
    return LbgClustering.fit(settings, getFeaturesCol(), data);
  }

  public static MLReader<LbgEstimator> read() {
    return new DefaultParamsReader<>();
  }

  public static LbgEstimator load(String path) {
    return read().load(path);
  }
}
