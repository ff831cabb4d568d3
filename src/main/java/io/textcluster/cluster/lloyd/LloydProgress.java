package io.textcluster.cluster.lloyd;

import io.textcluster.cluster.DriverSample;

import java.io.Serializable;

/**
 * The centres of a Lloyd fit as they move: each iteration's merged {@link CentreSums} become the next centres. The
 * driver keeps one when it runs a job per iteration; every barrier task keeps its own copy, and because each applies
 * the same sums in the same order, all copies stay equal.
 */
final class LloydProgress implements Serializable {
  private final double[][] centres;
  private final int dimension;
  private final boolean cosine;
  private final double tolerance;
  private final int maxIterations;
  private int iterations;
  private double cost = Double.NaN;
  private boolean converged;

  LloydProgress(double[][] initial, boolean cosine, double tolerance, int maxIterations) {
    this.dimension = initial[0].length;
    this.centres = new double[initial.length][];
    for (int c = 0; c < initial.length; c++) {
      centres[c] = initial[c].clone();
      if (cosine) {
        DriverSample.normalize(centres[c]);
      }
    }
    this.cosine = cosine;
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
  }

  private LloydProgress(LloydProgress other) {
    this.centres = new double[other.centres.length][];
    for (int c = 0; c < centres.length; c++) {
      centres[c] = other.centres[c].clone();
    }
    this.dimension = other.dimension;
    this.cosine = other.cosine;
    this.tolerance = other.tolerance;
    this.maxIterations = other.maxIterations;
    this.iterations = other.iterations;
    this.cost = other.cost;
    this.converged = other.converged;
  }

  /** An independent copy: each barrier task moves its own centres. */
  LloydProgress copy() {
    return new LloydProgress(this);
  }

  boolean finished() {
    return converged || iterations >= maxIterations;
  }

  /** This iteration's centres in the form the blocks multiply against. */
  FloatCentres current() {
    return new FloatCentres(centres, dimension);
  }

  /** An empty accumulation of this fit's shape. */
  CentreSums emptySums() {
    return new CentreSums(centres.length, dimension);
  }

  /**
   * Moves each centre to the mean of the rows assigned to it (an empty cluster keeps its centre, as in MLlib) and
   * records the cost of the assignment, MLlib's trainingCost: no extra pass over the data. For unit rows and centres
   * the cosine distance is half the squared euclidean one.
   */
  void apply(CentreSums total) {
    total.allocate();
    boolean moved = false;
    for (int c = 0; c < centres.length; c++) {
      if (total.counts[c] == 0) {
        continue;
      }
      double[] updated = new double[dimension];
      for (int j = 0; j < dimension; j++) {
        updated[j] = total.sums[c * dimension + j] / total.counts[c];
      }
      if (cosine) {
        DriverSample.normalize(updated);
      }
      if (distance(centres[c], updated) > (cosine ? tolerance : tolerance * tolerance)) {
        moved = true;
      }
      centres[c] = updated;
    }
    converged = !moved;
    cost = cosine ? total.cost / 2 : total.cost;
    iterations++;
  }

  double[][] centres() {
    return centres;
  }

  double cost() {
    return cost;
  }

  int iterations() {
    return iterations;
  }

  private double distance(double[] before, double[] after) {
    double squared = 0;
    double dot = 0;
    for (int j = 0; j < before.length; j++) {
      double d = before[j] - after[j];
      squared += d * d;
      dot += before[j] * after[j];
    }
    return cosine ? 1 - dot : squared;
  }
}
