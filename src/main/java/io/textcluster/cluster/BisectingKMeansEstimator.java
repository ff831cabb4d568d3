package io.textcluster.cluster;

import io.textcluster.config.ClusterConfig;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Bisecting k-means (cluster.algorithm = bisecting-kmeans): MLlib's top-down splits, each a 2-means. Its model
 * assigns by walking MLlib's split tree, exactly as the fit did.
 */
public class BisectingKMeansEstimator extends ClusteringEstimator<BisectingKMeansEstimator>
    implements IterativeParams {
  private static final long serialVersionUID = 1L;

  public BisectingKMeansEstimator(String uid) {
    super(uid);
    setIterativeDefaults();
  }

  public BisectingKMeansEstimator() {
    this(Identifiable.randomUID("bisectingKMeans"));
  }

  public BisectingKMeansEstimator setMaxIter(int value) {
    set(maxIter(), value);
    return this;
  }

  @Override
  public ClusterConfig settings() {
    return new ClusterConfig(ClusterConfig.BISECTING_KMEANS, getK(), getSeed(), getMaxIter(), getTol(),
        getDistanceMeasure(), DEFAULTS.init(), DEFAULTS.initSteps(), DEFAULTS.restarts(), DEFAULTS.kmeansSolver(),
        DEFAULTS.lbgEpsilon(), DEFAULTS.gmmReduction(), DEFAULTS.gmmDimensions(), DEFAULTS.gmmProbabilities());
  }

  @Override
  ClusteringModel fitModel(ClusterConfig settings, Dataset<Row> data) {
    return BisectingKMeansClustering.fit(settings, getFeaturesCol(), data);
  }

  public static MLReader<BisectingKMeansEstimator> read() {
    return new DefaultParamsReader<>();
  }

  public static BisectingKMeansEstimator load(String path) {
    return read().load(path);
  }
}
