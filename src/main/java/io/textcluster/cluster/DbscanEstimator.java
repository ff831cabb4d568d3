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
 * DBSCAN (cluster.algorithm = dbscan, see {@link DensityClustering}) on a seeded sample of {@code sampleSize}
 * documents; every document then joins the cluster of its nearest core sample point within {@code eps}, or is noise
 * (-1, no distance). It finds its own number of clusters: {@code k} is not read.
 */
public class DbscanEstimator extends ClusteringEstimator<DbscanEstimator> 
    implements DensityParams, InputReductionParams {
  private static final long serialVersionUID = 1L;

  public DbscanEstimator(String uid) {
    super(uid);
    setReductionDefaults();
    setDensityDefaults();
    setDefault(eps(), ClusterConfig.Density.DEFAULTS.eps());
  }

  public DbscanEstimator() {
    this(Identifiable.randomUID("dbscan"));
  }

  public DoubleParam eps() {
    return new DoubleParam(this, "eps", "neighbourhood radius, in distanceMeasure units (> 0)",
        ParamValidators.<Object>gt(0));
  }

  public DbscanEstimator setEps(double value) {
    set(eps(), value);
    return this;
  }

  public DbscanEstimator setSampleSize(int value) {
    set(sampleSize(), value);
    return this;
  }

  public DbscanEstimator setMinSamples(int value) {
    set(minSamples(), value);
    return this;
  }

  public double getEps() {
    return (Double) getOrDefault(eps());
  }

  @Override
  public ClusterConfig settings() {
    ClusterConfig.Density density =
        new ClusterConfig.Density(getSampleSize(), ClusterConfig.Density.DEFAULTS.minClusterSize(), getMinSamples(),
            getEps());
    return ClusteringEstimator.densitySettings(ClusterConfig.DBSCAN, this, density);
  }

  @Override
  ClusteringModel fitModel(ClusterConfig settings, Dataset<Row> data) {
    // Sparse or wide features are reduced first (cluster.reduction); the reduction is part of the model.
    return InputReduction.fit(this, getSeed(), getFeaturesCol(), data,
        (column, input) -> DensityClustering.fit(settings, this, column, input));
  }

  public static MLReader<DbscanEstimator> read() {
    return new DefaultParamsReader<>();
  }

  public static DbscanEstimator load(String path) {
    return read().load(path);
  }
}
