package io.textcluster.cluster;

import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/** The params HDBSCAN and DBSCAN share (cluster.density), declared once. */
public interface DensityParams extends Params {
  /** As config.JobConfig bounds cluster.density.sample-size: the fit costs sample-size^2 distances on the driver. */
  int MAX_SAMPLE_SIZE = 100_000;

  default IntParam sampleSize() {
    return new IntParam(this, "sampleSize", "documents the method is fitted on, on the driver (10.." + MAX_SAMPLE_SIZE
        + ")", ParamValidators.<Object>inRange(10, MAX_SAMPLE_SIZE));
  }

  default IntParam minSamples() {
    return new IntParam(this, "minSamples", "neighbours (the point itself included) that make a point core (>= 1)",
        ParamValidators.<Object>gtEq(1));
  }

  default void setDensityDefaults() {
    setDefault(sampleSize(), 5000);
    setDefault(minSamples(), 5);
  }

  default int getSampleSize() {
    return (Integer) getOrDefault(sampleSize());
  }

  default int getMinSamples() {
    return (Integer) getOrDefault(minSamples());
  }
}
