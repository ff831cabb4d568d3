package io.textcluster.report;

import java.util.Arrays;

/**
 * The map sample's sparse rows with their terms renumbered 0..terms-1 (only the terms the sample uses, so arrays
 * indexed by term stay as small as the sample whatever the vocabulary or hashing width) and their values scaled to unit
 * length, so an inner product is a cosine. An all-zero row stays all zeros.
 */
final class UnitRows {
  final int[][] terms;
  final float[][] values;
  final int termCount;

  private UnitRows(int[][] terms, float[][] values, int termCount) {
    this.terms = terms;
    this.values = values;
    this.termCount = termCount;
  }

  static UnitRows of(int[][] indices, double[][] values) {
    int n = indices.length;
    int total = 0;
    for (int[] row : indices) {
      total += row.length;
    }
    int[] all = new int[total];
    int at = 0;
    for (int[] row : indices) {
      System.arraycopy(row, 0, all, at, row.length);
      at += row.length;
    }
    Arrays.sort(all);
    int distinct = 0;
    for (int i = 0; i < total; i++) {
      if (i == 0 || all[i] != all[i - 1]) {
        all[distinct++] = all[i];
      }
    }
    int[][] terms = new int[n][];
    float[][] unit = new float[n][];
    for (int i = 0; i < n; i++) {
      int m = indices[i].length;
      terms[i] = new int[m];
      unit[i] = new float[m];
      double norm = 0;
      for (int j = 0; j < m; j++) {
        norm += values[i][j] * values[i][j];
      }
      double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (int j = 0; j < m; j++) {
        terms[i][j] = Arrays.binarySearch(all, 0, distinct, indices[i][j]);
        unit[i][j] = (float) (values[i][j] * scale);
      }
    }
    return new UnitRows(terms, unit, distinct);
  }

  int size() {
    return terms.length;
  }
}
