package io.textcluster.cluster;

import io.textcluster.config.ClusterControl;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * cluster.reduction for the methods that fit a dense sample on the driver (hdbscan, dbscan, agglomerative): how sparse
 * or wide features are reduced first (see {@link InputReduction}).
 */
public interface InputReductionParams extends Params {
  default Param<String> reduction() {
    return new Param<>(this, "reduction", "auto, lsa, random-projection or none: how the features are reduced first",
        ParamValidators.inArray(new String[] {
            ClusterControl.AUTO, ClusterControl.LSA, ClusterControl.RANDOM_PROJECTION, ClusterControl.NONE}));
  }

  default IntParam reductionDimensions() {
    return new IntParam(this, "reductionDimensions", "dimensions after the reduction (>= 2)",
        ParamValidators.<Object>gtEq(2));
  }

  default void setReductionDefaults() {
    setDefault(reduction(), ClusterControl.DEFAULTS.reduction());
    setDefault(reductionDimensions(), ClusterControl.DEFAULTS.reductionDimensions());
  }

  default String getReduction() {
    return getOrDefault(reduction());
  }

  default int getReductionDimensions() {
    return (Integer) getOrDefault(reductionDimensions());
  }

  /** Sets both from the run's cluster controls. */
  default void setReductionFrom(ClusterControl control) {
    set(reduction(), control.reduction());
    set(reductionDimensions(), control.reductionDimensions());
  }
}
