package io.textcluster.cluster.lloyd;

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
      float squared = 0;
      for (int j = 0; j < dimension; j++) {
        float v = (float) centres[c][j];
        values[c * dimension + j] = v;
        squared += v * v;
      }
      squaredNorms[c] = squared;
    }
  }
}
