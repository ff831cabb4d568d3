package io.textcluster.cluster.lloyd;

import java.util.ArrayList;
import java.util.List;

/**
 * One barrier task's Lloyd iterations over its sparse blocks, skipping the rows whose nearest centre provably did not
 * change (Hamerly 2010, "Making k-means even faster"). Per row it keeps its cluster, an upper bound on its distance to
 * that centre and a lower bound on its distance to every other; per cluster it keeps running sums and counts, changed
 * only for the rows that move. Late in a fit few rows move, so most rows cost a few comparisons instead of k
 * distances.
 *
 * <p>Exactness: every distance is measured against the float32 centres the plain iteration uses (movements and
 * centre-to-centre distances too, computed in double from those floats), computed distances are widened by more than
 * their rounding before they become bounds, and a row is skipped only when its bounds leave a squared gap well above
 * the plain iteration's own rounding. A row the bounds cannot settle gets the plain iteration's k distances ({@link
 * SparseDistances}, bit-identical), so the assignment is the plain iteration's one apart from exact float ties.
 */
final class BoundedSparseIterations {
  /** Relative widening of a computed squared distance before it becomes a bound; its rounding is about 1e-7. */
  private static final double ROUNDING = 1e-6;
  /** Relative squared gap a skipped row's bounds must leave, so that the plain iteration could not decide otherwise. */
  private static final double MARGIN = 1e-5;

  private final List<SparseBlock> blocks;
  private final int clusters;
  private final int dimension;
  private final int[][] labels;
  private final double[][] upper;
  private final double[][] lower;
  private final double[] sums;
  private final long[] counts;
  private final double rowNorms;
  private final double[] distances;
  private FloatCentres previous;
  private long rows;
  private long skipped;
  private long tightened;

  private BoundedSparseIterations(List<SparseBlock> blocks, int clusters, int dimension) {
    this.blocks = blocks;
    this.clusters = clusters;
    this.dimension = dimension;
    this.labels = new int[blocks.size()][];
    this.upper = new double[blocks.size()][];
    this.lower = new double[blocks.size()][];
    double norms = 0;
    for (int b = 0; b < blocks.size(); b++) {
      SparseBlock block = blocks.get(b);
      labels[b] = new int[block.rows];
      upper[b] = new double[block.rows];
      lower[b] = new double[block.rows];
      for (int r = 0; r < block.rows; r++) {
        norms += block.squaredNorms[r];
      }
      rows += block.rows;
    }
    this.rowNorms = norms;
    this.sums = new double[clusters * dimension];
    this.counts = new long[clusters];
    this.distances = new double[clusters];
  }

  /** The bounded iterations over a task's blocks, or null when they are not all sparse (or there are none). */
  static BoundedSparseIterations of(List<RowBlock> blocks, int clusters, int dimension) {
    List<SparseBlock> sparse = new ArrayList<>(blocks.size());
    for (RowBlock block : blocks) {
      if (!(block instanceof SparseBlock s) || s.dimension != dimension) {
        return null;
      }
      sparse.add(s);
    }
    return sparse.isEmpty() ? null : new BoundedSparseIterations(sparse, clusters, dimension);
  }

  /**
   * Assigns the rows to {@code centres} and returns this task's sums, counts and cost for them. The value returned is
   * a copy: another task may still read it while this one already moves its running sums on to the next round.
   */
  CentreSums next(FloatCentres centres) {
    skipped = 0;
    tightened = 0;
    if (previous == null) {
      for (int b = 0; b < blocks.size(); b++) {
        assignAll(b, centres);
      }
    } else {
      reassign(centres);
    }
    previous = centres;
    return snapshot(centres);
  }

  /** Rows of the last iteration whose bounds alone kept their cluster. */
  double skippedShare() {
    return rows == 0 ? 0 : (double) skipped / rows;
  }

  /** Rows of the last iteration that kept their cluster after one exact distance. */
  double tightenedShare() {
    return rows == 0 ? 0 : (double) tightened / rows;
  }

  /** The cluster of row {@code row} of block {@code block} after the last iteration. */
  int label(int block, int row) {
    return labels[block][row];
  }

  int blockCount() {
    return blocks.size();
  }

  SparseBlock block(int block) {
    return blocks.get(block);
  }

  /** The first iteration: every row's k distances, from which its cluster and both bounds. */
  private void assignAll(int b, FloatCentres centres) {
    SparseBlock block = blocks.get(b);
    float[] byDimension = centres.byDimension();
    double largest = largestSquaredNorm(centres);
    for (int r = 0; r < block.rows; r++) {
      int best = allDistances(b, r, centres, byDimension, largest);
      labels[b][r] = best;
      counts[best]++;
      addRow(block, r, best, 1);
    }
  }

  private void reassign(FloatCentres centres) {
    double[] moved = movements(previous, centres);
    int farthest = 0;
    for (int c = 1; c < clusters; c++) {
      if (moved[c] > moved[farthest]) {
        farthest = c;
      }
    }
    double secondFarthest = 0;
    for (int c = 0; c < clusters; c++) {
      if (c != farthest) {
        secondFarthest = Math.max(secondFarthest, moved[c]);
      }
    }
    double[] half = halfGaps(centres);
    double largest = largestSquaredNorm(centres);
    float[] byDimension = null;
    for (int b = 0; b < blocks.size(); b++) {
      SparseBlock block = blocks.get(b);
      int[] label = labels[b];
      double[] up = upper[b];
      double[] low = lower[b];
      for (int r = 0; r < block.rows; r++) {
        int a = label[r];
        double u = up[r] + moved[a];
        // Every other centre moved at most the farthest mover's distance, or the second farthest's when that is a.
        double l = low[r] - (a == farthest ? secondFarthest : moved[farthest]);
        double xx = block.squaredNorms[r];
        double margin = MARGIN * (xx + largest);
        // Two proofs that no other centre c' is nearer: l, and d(x, c') >= d(a, c') - d(x, a) >= 2 half[a] - u.
        if (clear(u, Math.max(l, 2 * half[a] - u), margin)) {
          up[r] = u;
          low[r] = l;
          skipped++;
          continue;
        }
        double exact = SparseDistances.to(block, r, centres, a) + xx;
        u = Math.sqrt(Math.max(0, exact) + ROUNDING * (xx + largest));
        if (clear(u, Math.max(l, 2 * half[a] - u), margin)) {
          up[r] = u;
          low[r] = l;
          tightened++;
          continue;
        }
        if (byDimension == null) {
          byDimension = centres.byDimension();
        }
        int best = allDistances(b, r, centres, byDimension, largest);
        if (best != a) {
          label[r] = best;
          counts[a]--;
          counts[best]++;
          addRow(block, r, a, -1);
          addRow(block, r, best, 1);
        }
      }
    }
  }

  /** Whether a row with these bounds certainly keeps its cluster: their squared gap beats the rounding margin. */
  private static boolean clear(double upperBound, double lowerBound, double margin) {
    return lowerBound > upperBound && (lowerBound - upperBound) * (lowerBound + upperBound) > margin;
  }

  /**
   * The row's k distances (as the plain iteration computes them); sets its bounds, widened by more than the rounding
   * of the computed values, and returns its nearest centre.
   */
  private int allDistances(int b, int r, FloatCentres centres, float[] byDimension, double largest) {
    SparseBlock block = blocks.get(b);
    SparseDistances.toAll(block, r, byDimension, centres.squaredNorms, clusters, distances);
    int best = SparseDistances.nearest(distances, clusters);
    double second = Double.POSITIVE_INFINITY;
    for (int c = 0; c < clusters; c++) {
      if (c != best && distances[c] < second) {
        second = distances[c];
      }
    }
    double xx = block.squaredNorms[r];
    double rounding = ROUNDING * (xx + largest);
    upper[b][r] = Math.sqrt(Math.max(0, distances[best] + xx) + rounding);
    lower[b][r] = Math.sqrt(Math.max(0, second + xx - rounding));
    return best;
  }

  /** Adds ({@code sign} 1) or removes (-1) a row's non-zeros to or from a cluster's running sums. */
  private void addRow(SparseBlock block, int r, int cluster, int sign) {
    int base = cluster * dimension;
    for (int e = block.starts[r], end = block.starts[r + 1]; e < end; e++) {
      sums[base + block.indices[e]] += sign * block.values[e];
    }
  }

  /** How far each float32 centre moved since the last iteration (euclidean, in double). */
  private double[] movements(FloatCentres before, FloatCentres after) {
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
  private double[] halfGaps(FloatCentres centres) {
    double[] half = new double[clusters];
    java.util.Arrays.fill(half, Double.POSITIVE_INFINITY);
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

  private static double largestSquaredNorm(FloatCentres centres) {
    double largest = 0;
    for (float norm : centres.squaredNorms) {
      largest = Math.max(largest, norm);
    }
    return largest;
  }

  /**
   * A copy of the running sums and counts, with the cost of this assignment against {@code centres} without per-row
   * distances: sum |x - c|^2 = sum |x|^2 + sum_c n_c |c|^2 - 2 sum_c c . S_c, S_c the cluster's row sum.
   */
  private CentreSums snapshot(FloatCentres centres) {
    CentreSums mine = new CentreSums(clusters, dimension);
    mine.sums = sums.clone();
    mine.counts = counts.clone();
    double cost = rowNorms;
    for (int c = 0; c < clusters; c++) {
      if (counts[c] == 0) {
        continue;
      }
      double squared = 0;
      double dot = 0;
      for (int j = 0, base = c * dimension; j < dimension; j++) {
        double v = centres.values[base + j];
        squared += v * v;
        dot += v * sums[base + j];
      }
      cost += counts[c] * squared - 2 * dot;
    }
    mine.cost = Math.max(0, cost);
    return mine;
  }
}
