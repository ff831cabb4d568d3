package io.textcluster.cluster.lloyd;

import dev.ludovic.netlib.blas.BLAS;
import java.io.Serializable;

/** The centres of one Lloyd iteration as float32 rows, with their squared norms computed once, not per block. */
final class FloatCentres implements Serializable {
  final float[] values;
  final float[] squaredNorms;
  final int count;

  FloatCentres(double[][] centres, int dimension) {
    this.count = centres.length;
    this.values = new float[count * dimension];
    this.squaredNorms = new float[count];
    for (int c = 0; c < count; c++) {
      // Summed in double: over tens of thousands of TF-IDF dimensions a float sum drifts by about the difference
      // between two halves of a freshly split centre (LBG), which then decides the split.
      double squared = 0;
      for (int j = 0; j < dimension; j++) {
        float v = (float) centres[c][j];
        values[c * dimension + j] = v;
        squared += (double) v * v;
      }
      squaredNorms[c] = (float) squared;
    }
  }

  private transient float[] byDimension;

  /**
   * The centres dimension-major (entry j * count + c is centre c's value in dimension j), made on first use: a sparse
   * row's non-zero in dimension j then reads its weights against every centre from one contiguous run.
   */
  float[] byDimension() {
    if (byDimension == null) {
      int dimension = count == 0 ? 0 : values.length / count;
      float[] transposed = new float[values.length];
      for (int c = 0; c < count; c++) {
        for (int j = 0; j < dimension; j++) {
          transposed[j * count + c] = values[c * dimension + j];
        }
      }
      byDimension = transposed;
    }
    return byDimension;
  }

  /**
   * For {@code rows} rows of {@code x} (row-major, {@code dimension} floats each, from {@code offset}), each row's
   * squared distance to every centre less the row's own squared norm, |c|^2 - 2 x.c (which orders the centres as the
   * full distance does), into {@code out[r * count + c]}: the norms copied in, then one SGEMM (native BLAS when
   * libblas.so.3 is present) adds -2 C^T X in the column-major view (centres a d x k matrix, rows a d x n one).
   */
  void partialDistances(float[] x, int offset, int rows, float[] out) {
    int dimension = values.length / count;
    for (int r = 0; r < rows; r++) {
      System.arraycopy(squaredNorms, 0, out, r * count, count);
    }
    BLAS.getInstance().sgemm("T", "N", count, rows, dimension, -2f, values, 0, dimension, x, offset, dimension, 1f, out, 0,
        count);
  }
}
