package io.textcluster.cluster.lloyd;

import java.util.Arrays;

/**
 * What the bounds of {@link BoundedIterations} need of an iteration's centres: how far each moved, how far apart
 * they are. Computed in double from the float32 centres the distances are measured against, so that the bounds and
 * the distances describe one geometry.
 */
final class CentreGeometry {
  private CentreGeometry() {}

  /** How far each float32 centre moved since the last iteration (euclidean, in double). */
  static double[] movements(FloatCentres before, FloatCentres after) {
    int clusters = after.count;
    int dimension = after.values.length / clusters;
    double[] moved = new double[clusters];
    for (int c = 0; c < clusters; c++) {
      double squared = 0;
      for (int j = c * dimension, end = j + dimension; j < end; j++) {
        double d = (double) after.values[j] - before.values[j];
        squared += d * d;
      }
      moved[c] = Math.sqrt(squared);
    }
    return moved;
  }

  /** Half the distance from each centre to its nearest other centre (infinite with one centre). */
  static double[] halfGaps(FloatCentres centres) {
    int clusters = centres.count;
    int dimension = centres.values.length / clusters;
    double[] half = new double[clusters];
    Arrays.fill(half, Double.POSITIVE_INFINITY);
    for (int c = 0; c < clusters; c++) {
      for (int o = c + 1; o < clusters; o++) {
        double squared = 0;
        for (int j = 0; j < dimension; j++) {
          double d = (double) centres.values[c * dimension + j] - centres.values[o * dimension + j];
          squared += d * d;
        }
        double gap = Math.sqrt(squared) / 2;
        half[c] = Math.min(half[c], gap);
        half[o] = Math.min(half[o], gap);
      }
    }
    return half;
  }

  static double largestSquaredNorm(FloatCentres centres) {
    double largest = 0;
    for (float norm : centres.squaredNorms) {
      largest = Math.max(largest, norm);
    }
    return largest;
  }
}
