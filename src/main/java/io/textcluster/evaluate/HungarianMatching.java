package io.textcluster.evaluate;

import java.util.Arrays;

/**
 * The assignment of rows to columns with the least total cost (Kuhn-Munkres, O(n^3) with potentials), for small
 * k x k problems: matching clusters to labels (accuracy after label matching) or new clusters to an earlier run's
 * (stable cluster ids). Rectangular matrices are padded with zero-cost dummies, so the result is a partial match.
 */
public final class HungarianMatching {
  private HungarianMatching() {}

  /**
   * @param cost cost[row][column], finite
   * @return for each row the column it is matched to, or -1 when there are more rows than columns and it is not
   */
  public static int[] minimumCost(double[][] cost) {
    int rows = cost.length;
    int columns = rows == 0 ? 0 : cost[0].length;
    int n = Math.max(rows, columns);
    double[][] square = new double[n][n];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < columns; j++) {
        if (!Double.isFinite(cost[i][j])) {
          throw new IllegalArgumentException("cost[" + i + "][" + j + "] is " + cost[i][j]);
        }
        square[i][j] = cost[i][j];
      }
    }
    // 1-based arrays as in the classic potentials formulation: u, v potentials; p[j] = row matched to column j.
    double[] u = new double[n + 1];
    double[] v = new double[n + 1];
    int[] p = new int[n + 1];
    int[] way = new int[n + 1];
    for (int i = 1; i <= n; i++) {
      p[0] = i;
      int j0 = 0;
      double[] minv = new double[n + 1];
      Arrays.fill(minv, Double.POSITIVE_INFINITY);
      boolean[] used = new boolean[n + 1];
      do {
        used[j0] = true;
        int i0 = p[j0];
        double delta = Double.POSITIVE_INFINITY;
        int j1 = 0;
        for (int j = 1; j <= n; j++) {
          if (!used[j]) {
            double current = square[i0 - 1][j - 1] - u[i0] - v[j];
            if (current < minv[j]) {
              minv[j] = current;
              way[j] = j0;
            }
            if (minv[j] < delta) {
              delta = minv[j];
              j1 = j;
            }
          }
        }
        for (int j = 0; j <= n; j++) {
          if (used[j]) {
            u[p[j]] += delta;
            v[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (p[j0] != 0);
      do {
        int j1 = way[j0];
        p[j0] = p[j1];
        j0 = j1;
      } while (j0 != 0);
    }
    int[] match = new int[rows];
    Arrays.fill(match, -1);
    for (int j = 1; j <= n; j++) {
      int row = p[j] - 1;
      if (row < rows && j - 1 < columns) {
        match[row] = j - 1;
      }
    }
    return match;
  }

  /** The assignment with the largest total, e.g. documents shared between a cluster and a label. */
  public static int[] maximumTotal(double[][] gain) {
    double max = Arrays.stream(gain).flatMapToDouble(Arrays::stream).max().orElse(0);
    double[][] cost = new double[gain.length][];
    for (int i = 0; i < gain.length; i++) {
      cost[i] = new double[gain[i].length];
      for (int j = 0; j < gain[i].length; j++) {
        cost[i][j] = max - gain[i][j];
      }
    }
    return minimumCost(cost);
  }
}
