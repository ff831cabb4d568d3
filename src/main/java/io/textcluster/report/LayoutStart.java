package io.textcluster.report;

import io.textcluster.cluster.DriverSample;
import java.util.SplittableRandom;

/**
 * Where UMAP's points start: the first two principal components of the unit rows (found by subspace iteration on the
 * sparse rows, never a dense vocabulary-wide matrix), scaled to [-10, 10] as umap-learn scales its start. A start that
 * already holds the data's largest directions needs fewer epochs than a random one and keeps the global arrangement
 * (which topic lies between which) that a random start leaves to chance. A tiny seeded jitter keeps identical
 * documents from starting on one spot.
 */
final class LayoutStart {
  private static final int ITERATIONS = 30;

  private LayoutStart() {}

  /** x of point i at 2i, y at 2i + 1. */
  static double[] principal(UnitRows rows, long seed) {
    int n = rows.size();
    int d = rows.termCount;
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < rows.terms[i].length; j++) {
        mean[rows.terms[i][j]] += rows.values[i][j] / (double) n;
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[][] basis = new double[2][d];
    for (double[] v : basis) {
      for (int t = 0; t < d; t++) {
        v[t] = random.nextDouble() - 0.5;
      }
    }
    orthonormalise(basis);
    double[][] scores = new double[2][n];
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      for (int c = 0; c < 2; c++) {
        project(rows, mean, basis[c], scores[c]);
        // basis <- (X - 1 mean)^T scores
        double[] next = new double[d];
        double sum = 0;
        for (int i = 0; i < n; i++) {
          sum += scores[c][i];
          for (int j = 0; j < rows.terms[i].length; j++) {
            next[rows.terms[i][j]] += rows.values[i][j] * scores[c][i];
          }
        }
        for (int t = 0; t < d; t++) {
          next[t] -= mean[t] * sum;
        }
        basis[c] = next;
      }
      orthonormalise(basis);
    }
    double[] xy = new double[2 * n];
    double largest = 0;
    for (int c = 0; c < 2; c++) {
      project(rows, mean, basis[c], scores[c]);
      for (int i = 0; i < n; i++) {
        xy[2 * i + c] = scores[c][i];
        largest = Math.max(largest, Math.abs(scores[c][i]));
      }
    }
    double scale = largest > 0 ? 10 / largest : 1;
    for (int i = 0; i < xy.length; i++) {
      xy[i] = xy[i] * scale + (random.nextDouble() - 0.5) * 1e-4;
    }
    return xy;
  }

  /** scores[i] = (row i - mean) . direction */
  private static void project(UnitRows rows, double[] mean, double[] direction, double[] scores) {
    double offset = 0;
    for (int t = 0; t < mean.length; t++) {
      offset += mean[t] * direction[t];
    }
    for (int i = 0; i < rows.size(); i++) {
      double s = -offset;
      for (int j = 0; j < rows.terms[i].length; j++) {
        s += rows.values[i][j] * direction[rows.terms[i][j]];
      }
      scores[i] = s;
    }
  }

  /** Gram-Schmidt on the two directions; a direction that vanishes is left at zero. */
  private static void orthonormalise(double[][] basis) {
    DriverSample.normalize(basis[0]);
    double dot = 0;
    for (int t = 0; t < basis[0].length; t++) {
      dot += basis[0][t] * basis[1][t];
    }
    for (int t = 0; t < basis[0].length; t++) {
      basis[1][t] -= dot * basis[0][t];
    }
    DriverSample.normalize(basis[1]);
  }
}
