package io.textcluster.evaluate;

import org.apache.spark.broadcast.Broadcast;
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

  public SquaredDistanceToMean(Broadcast<Vector[]> means) {
    this.means = means;
  }

  @Override
  public Double call(Vector features, Integer cluster) {
    Vector[] all = means.value();
    if (features == null || cluster == null || cluster < 0 || cluster >= all.length || all[cluster] == null) {
      return null;
    }
    return Vectors.sqdist(features, all[cluster]);
  }
}
