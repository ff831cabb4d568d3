package io.textcluster.cluster;

import io.textcluster.config.ClusterControl;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
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

  default Param<String> noise() {
    return new Param<>(this, "noise", "keep, nearest or within: what becomes of noise documents",
        ParamValidators.inArray(new String[] {ClusterControl.KEEP, ClusterControl.NEAREST, ClusterControl.WITHIN}));
  }

  default DoubleParam noiseDistance() {
    return new DoubleParam(this, "noiseDistance", "within: largest distance to a centre (0 = use noiseQuantile)",
        ParamValidators.<Object>gtEq(0));
  }

  default DoubleParam noiseQuantile() {
    return new DoubleParam(this, "noiseQuantile",
        "within: the limit as this quantile of clustered members' distances to their centre (0, 1]",
        ParamValidators.<Object>inRange(0, 1, false, true));
  }

  default void setDensityDefaults() {
    setDefault(sampleSize(), 5000);
    setDefault(minSamples(), 5);
    setDefault(noise(), ClusterControl.DEFAULTS.noise());
    setDefault(noiseDistance(), ClusterControl.DEFAULTS.noiseDistance());
    setDefault(noiseQuantile(), ClusterControl.DEFAULTS.noiseQuantile());
  }

  /** Sets the noise rule from the run's cluster controls. */
  default void setNoiseFrom(ClusterControl control) {
    set(noise(), control.noise());
    set(noiseDistance(), control.noiseDistance());
    set(noiseQuantile(), control.noiseQuantile());
  }

  default String getNoise() {
    return getOrDefault(noise());
  }

  default double getNoiseDistance() {
    return (Double) getOrDefault(noiseDistance());
  }

  default double getNoiseQuantile() {
    return (Double) getOrDefault(noiseQuantile());
  }

  default int getSampleSize() {
    return (Integer) getOrDefault(sampleSize());
  }

  default int getMinSamples() {
    return (Integer) getOrDefault(minSamples());
  }
}
