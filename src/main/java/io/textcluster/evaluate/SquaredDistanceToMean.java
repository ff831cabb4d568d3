package io.textcluster.evaluate;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.api.java.UDF2;

/**
 * A document's squared euclidean distance to its cluster's mean feature vector (the geometry metrics' spread), as a
 * UDF of (features, cluster id). Holds only the broadcast means, so tasks never capture the driver-side caller. Null
 * for a cluster without a mean (density noise).
 */
public final class SquaredDistanceToMean implements UDF2<Vector, Integer, Double> {
  private static final long serialVersionUID = 1L;
  private final Broadcast<Vector[]> means;
  /** Each dense mean's squared norm, computed once per task from the broadcast. */
  private transient double[] squaredNorms;

  public SquaredDistanceToMean(Broadcast<Vector[]> means) {
    this.means = means;
  }

  @Override
  public Double call(Vector features, Integer cluster) {
    Vector[] all = means.value();
    if (features == null || cluster == null || cluster < 0 || cluster >= all.length || all[cluster] == null) {
      return null;
    }
    Vector mean = all[cluster];
    if (features instanceof SparseVector sparse && mean instanceof DenseVector dense) {
      // |x - m|^2 = |x|^2 - 2 x.m + |m|^2 touches only x's non-zeros; Spark's sqdist walks all d dimensions of m.
      double[] m = dense.values();
      int[] indices = sparse.indices();
      double[] values = sparse.values();
      double xx = 0;
      double xm = 0;
      for (int i = 0; i < indices.length; i++) {
        xx += values[i] * values[i];
        xm += values[i] * m[indices[i]];
      }
      return Math.max(0.0, xx - 2 * xm + squaredNorm(all, cluster));
    }
    return Vectors.sqdist(features, mean);
  }

  private double squaredNorm(Vector[] all, int cluster) {
    if (squaredNorms == null) {
      double[] norms = new double[all.length];
      for (int i = 0; i < all.length; i++) {
        if (all[i] != null) {
          for (double v : all[i].toArray()) {
            norms[i] += v * v;
          }
        }
      }
      squaredNorms = norms;
    }
    return squaredNorms[cluster];
  }
}
