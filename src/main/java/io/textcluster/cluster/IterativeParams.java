package io.textcluster.cluster;

import io.textcluster.config.ClusterConfig;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/** Params of the methods that refine by iterations (k-means, bisecting k-means, LBG, GMM), declared once. */
public interface IterativeParams extends Params {
  default IntParam maxIter() {
    return new IntParam(this, "maxIter", "maximum number of iterations (>= 1)", ParamValidators.<Object>gtEq(1));
  }

  default DoubleParam tol() {
    return new DoubleParam(this, "tol", "convergence tolerance (> 0)", ParamValidators.<Object>gt(0));
  }

  default void setIterativeDefaults() {
    setDefault(maxIter(), 100);
    setDefault(tol(), 1.0e-4);
  }

  default int getMaxIter() {
    return (Integer) getOrDefault(maxIter());
  }

  default double getTol() {
    return (Double) getOrDefault(tol());
  }

  /** Methods whose Lloyd iterations run on MLlib's k-means or textcluster's dense one (k-means, LBG). */
  interface WithSolver extends IterativeParams {
    default Param<String> solver() {
      return new Param<>(this, "solver",
          "auto (dense k-means for dense features, MLlib's for sparse), dense or mllib",
          ParamValidators.inArray(
              new String[] {ClusterConfig.SOLVER_AUTO, ClusterConfig.SOLVER_DENSE, ClusterConfig.SOLVER_MLLIB}));
    }

    default String getSolver() {
      return getOrDefault(solver());
    }
  }
}
