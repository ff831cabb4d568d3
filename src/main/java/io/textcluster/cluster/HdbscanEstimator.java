package io.textcluster.cluster;

import io.textcluster.config.ClusterConfig;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * HDBSCAN* (cluster.algorithm = hdbscan, see {@link DensityClustering}) on a seeded sample of {@code sampleSize}
 * documents; every document then joins the cluster of its nearest clustered sample point within that cluster's reach,
 * or is noise (-1, no distance). It finds its own number of clusters: {@code k} is not read.
 */
public class HdbscanEstimator extends ClusteringEstimator<HdbscanEstimator> 
    implements DensityParams, InputReductionParams {
  private static final long serialVersionUID = 1L;

  public HdbscanEstimator(String uid) {
    super(uid);
    setReductionDefaults();
    setDensityDefaults();
    setDefault(minClusterSize(), 15);
  }

  public HdbscanEstimator() {
    this(Identifiable.randomUID("hdbscan"));
  }

  public IntParam minClusterSize() {
    return new IntParam(this, "minClusterSize", "smallest cluster (>= 2)", ParamValidators.<Object>gtEq(2));
  }

  public HdbscanEstimator setMinClusterSize(int value) {
    set(minClusterSize(), value);
    return this;
  }

  public HdbscanEstimator setSampleSize(int value) {
    set(sampleSize(), value);
    return this;
  }

  public HdbscanEstimator setMinSamples(int value) {
    set(minSamples(), value);
    return this;
  }

  public int getMinClusterSize() {
    return (Integer) getOrDefault(minClusterSize());
  }

  @Override
  public ClusterConfig settings() {
    ClusterConfig.Density density =
        new ClusterConfig.Density(getSampleSize(), getMinClusterSize(), getMinSamples(),
            ClusterConfig.Density.DEFAULTS.eps());
    return ClusteringEstimator.densitySettings(ClusterConfig.HDBSCAN, this, density);
  }

  @Override
  ClusteringModel fitModel(ClusterConfig settings, Dataset<Row> data) {
    // Sparse or wide features are reduced first (cluster.reduction); the reduction is part of the model.
    return InputReduction.fit(this, getSeed(), getFeaturesCol(), data,
        (column, input) -> DensityClustering.fit(settings, this, column, input));
  }

  public static MLReader<HdbscanEstimator> read() {
    return new DefaultParamsReader<>();
  }

  public static HdbscanEstimator load(String path) {
    return read().load(path);
  }
}
