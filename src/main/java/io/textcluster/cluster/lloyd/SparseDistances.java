package io.textcluster.cluster.lloyd;

/**
 * A sparse row's squared distances to the centres, less the row's own squared norm (|c|^2 - 2 x.c, which orders the
 * centres as the full distance does). One kernel for the plain iterations ({@link CentreSums}) and the bounded ones
 * ({@link BoundedSparseIterations}): both then compute bit-identical values for a row, so a row the bounds cannot
 * settle is assigned exactly as the plain iteration assigns it.
 */
final class SparseDistances {
  private SparseDistances() {}

  /**
   * {@code out[c]} for every centre, from the row's non-zeros against the centres laid out dimension-major ({@link
   * FloatCentres#byDimension}): a non-zero in dimension j reads its weights against every centre from one run.
   */
  static void toAll(SparseBlock block, int row, float[] byDimension, float[] norms, int clusters, double[] out) {
    for (int c = 0; c < clusters; c++) {
      out[c] = norms[c];
    }
    int end = block.starts[row + 1];
    for (int e = block.starts[row]; e < end; e++) {
      int offset = block.indices[e] * clusters;
      double twice = 2.0 * block.values[e];
      for (int c = 0; c < clusters; c++) {
        out[c] -= twice * byDimension[offset + c];
      }
    }
  }

  /**
   * The same values as {@link #toAll} for the centres {@code which[0 .. count)} only (the same operations in the same
   * order for each), into their places in {@code out}.
   */
  static void toSome(
      SparseBlock block, int row, float[] byDimension, float[] norms, int clusters, int[] which, int count, double[] out) {
    for (int i = 0; i < count; i++) {
      out[which[i]] = norms[which[i]];
    }
    int end = block.starts[row + 1];
    for (int e = block.starts[row]; e < end; e++) {
      int offset = block.indices[e] * clusters;
      double twice = 2.0 * block.values[e];
      for (int i = 0; i < count; i++) {
        int c = which[i];
        out[c] -= twice * byDimension[offset + c];
      }
    }
  }

  /** The same value as {@link #toAll} for one centre, by the same operations in the same order (so the same double). */
  static double to(SparseBlock block, int row, float[] byDimension, float[] norms, int clusters, int centre) {
    double distance = norms[centre];
    int end = block.starts[row + 1];
    for (int e = block.starts[row]; e < end; e++) {
      double twice = 2.0 * block.values[e];
      distance -= twice * byDimension[block.indices[e] * clusters + centre];
    }
    return distance;
  }

  /** The index of the smallest value, the first of equals (the plain iteration's rule). */
  static int nearest(double[] distances, int clusters) {
    int best = 0;
    for (int c = 1; c < clusters; c++) {
      if (distances[c] < distances[best]) {
        best = c;
      }
    }
    return best;
  }
}
