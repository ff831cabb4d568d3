package io.textcluster.cluster;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;

/**
 * The one distance-to-own-centre kernel: every centre-based clustering model and the job's squared errors use it. The
 * k centres are broadcast once with their squared norms precomputed, so a sparse document costs O(its non-zeros), not
 * O(vocabulary), whatever the distance.
 */
final class CentreKernel {
  private CentreKernel() {}

  /** The centres as tasks read them: plain arrays, indexed by cluster id. */
  record Centres(double[][] values, double[] squaredNorms) implements java.io.Serializable {
    static Centres of(double[][] centres) {
      double[] squaredNorms = new double[centres.length];
      for (int i = 0; i < centres.length; i++) {
        for (double c : centres[i]) {
          squaredNorms[i] += c * c;
        }
      }
      return new Centres(centres, squaredNorms);
    }
  }

  static Broadcast<Centres> broadcast(SparkSession spark, double[][] centres) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(Centres.of(centres));
  }

  /**
   * The distance from {@code point} to centre {@code cluster}: cosine distance (1 - cosine similarity), euclidean, or
   * squared euclidean. Null for a missing point, noise (negative id) or an id without a centre.
   */
  static Double distance(Centres all, Vector point, Integer cluster, boolean cosine, boolean squaredEuclidean) {
    if (point == null || cluster == null || cluster < 0 || cluster >= all.values().length) {
      return null;
    }
    double[] centre = all.values()[cluster];
    double dot = 0;
    double pointNorm2 = 0;
    int[] indices;
    double[] values;
    if (point instanceof SparseVector sparse) {
      indices = sparse.indices();
      values = sparse.values();
    } else {
      values = point.toArray();
      indices = null;
    }
    for (int i = 0; i < values.length; i++) {
      int index = indices == null ? i : indices[i];
      dot += values[i] * centre[index];
      pointNorm2 += values[i] * values[i];
    }
    double centreNorm2 = all.squaredNorms()[cluster];
    if (squaredEuclidean || !cosine) {
      double squared = Math.max(0, pointNorm2 - 2 * dot + centreNorm2);
      return squaredEuclidean ? squared : Math.sqrt(squared);
    }
    double norms = Math.sqrt(pointNorm2 * centreNorm2);
    return norms == 0 ? 1.0 : Math.max(0, 1 - dot / norms);
  }

  /** The kernel as a UDF of (features, cluster id); holds only the broadcast handle, so the closure stays small. */
  static final class Distance implements UDF2<Vector, Integer, Double> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<Centres> centres;
    private final boolean cosine;
    private final boolean squaredEuclidean;

    Distance(Broadcast<Centres> centres, boolean cosine, boolean squaredEuclidean) {
      this.centres = centres;
      this.cosine = cosine;
      this.squaredEuclidean = squaredEuclidean;
    }

    @Override
    public Double call(Vector point, Integer cluster) {
      return distance(centres.value(), point, cluster, cosine, squaredEuclidean);
    }
  }
}
