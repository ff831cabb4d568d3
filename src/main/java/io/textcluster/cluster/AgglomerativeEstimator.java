package io.textcluster.cluster;

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
 * Agglomerative clustering (cluster.algorithm = agglomerative, see {@link AgglomerativeClustering}): exact linkage on
 * a seeded sample of {@code sampleSize} documents, cut at k; every document then goes to the nearest centroid.
 */
public class AgglomerativeEstimator extends ClusteringEstimator<AgglomerativeEstimator>
    implements InputReductionParams {
  private static final long serialVersionUID = 1L;
  /** As config.JobConfig bounds cluster.agglomerative.sample-size: the driver holds sample-size^2 distances. */
  public static final int MAX_SAMPLE_SIZE = 20_000;

  public AgglomerativeEstimator(String uid) {
    super(uid);
    setReductionDefaults();
    setDefault(linkage(), ClusterConfig.Agglomerative.WARD);
    setDefault(sampleSize(), ClusterConfig.Agglomerative.DEFAULTS.sampleSize());
  }

  public AgglomerativeEstimator() {
    this(Identifiable.randomUID("agglomerative"));
  }

  public Param<String> linkage() {
    return new Param<>(this, "linkage", "ward, average, complete or single",
        ParamValidators.inArray(new String[] {
            ClusterConfig.Agglomerative.WARD, ClusterConfig.Agglomerative.AVERAGE,
            ClusterConfig.Agglomerative.COMPLETE, ClusterConfig.Agglomerative.SINGLE}));
  }

  public IntParam sampleSize() {
    return new IntParam(this, "sampleSize", "documents the linkage runs on, on the driver (2.." + MAX_SAMPLE_SIZE + ")",
        ParamValidators.<Object>inRange(2, MAX_SAMPLE_SIZE));
  }

  public AgglomerativeEstimator setLinkage(String value) {
    set(linkage(), value);
    return this;
  }

  public AgglomerativeEstimator setSampleSize(int value) {
    set(sampleSize(), value);
    return this;
  }

  public String getLinkage() {
    return getOrDefault(linkage());
  }

  public int getSampleSize() {
    return (Integer) getOrDefault(sampleSize());
  }

  @Override
  public ClusterConfig settings() {
    return new ClusterConfig(ClusterConfig.AGGLOMERATIVE, getK(), getSeed(), DEFAULTS.maxIterations(),
        DEFAULTS.tolerance(), getDistanceMeasure(), DEFAULTS.init(), DEFAULTS.initSteps(), DEFAULTS.restarts(),
        DEFAULTS.kmeansSolver(), DEFAULTS.lbgEpsilon(), DEFAULTS.gmmReduction(), DEFAULTS.gmmDimensions(),
        DEFAULTS.gmmProbabilities(), ClusterConfig.Density.DEFAULTS,
        new ClusterConfig.Agglomerative(getLinkage(), getSampleSize()), ClusterConfig.Sweep.OFF);
  }

  @Override
  ClusteringModel fitModel(ClusterConfig settings, Dataset<Row> data) {
    // Sparse or wide features are reduced first (cluster.reduction); the reduction is part of the model.
    return InputReduction.fit(this, getSeed(), getFeaturesCol(), data,
        (column, input) -> AgglomerativeClustering.fit(settings, column, input));
  }

  public static MLReader<AgglomerativeEstimator> read() {
    return new DefaultParamsReader<>();
  }

  public static AgglomerativeEstimator load(String path) {
    return read().load(path);
  }
}
