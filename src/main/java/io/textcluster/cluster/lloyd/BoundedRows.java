package io.textcluster.cluster.lloyd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the bounded iterations over sparse and over dense blocks share ({@link BoundedSparseIterations}, {@link
 * BoundedDenseIterations}): per row its cluster, an upper bound on its distance to that centre and, per group of
 * centres, a lower bound on its distance to every other centre of the group; per cluster running sums and counts,
 * changed only for the rows that move; and the counts of what the last iteration spared.
 */
abstract class BoundedRows<B extends RowBlock> implements BoundedIterations {
  static final int MAX_GROUPS = 32;
  final List<B> blocks;
  final int clusters;
  final int dimension;
  final int groups;
  /** Centre c is in group groupOf[c]; the groups are runs of consecutive centres. */
  final int[] groupOf;
  final int[][] labels;
  final double[][] upper;
  /** Row r's lower bound for group g at [r * groups + g], rounded down to float. */
  final float[][] lower;
  final double[] sums;
  final long[] counts;
  final double rowNorms;
  final long rows;
  /** This iteration's move of each centre and each group's farthest move; half each centre's gap to its nearest. */
  double[] moved;
  final double[] groupMoved;
  double[] half;
  long skipped;
  long tightened;
  long computedDistances;

  BoundedRows(List<B> blocks, int clusters, int dimension, int requestedGroups) {
    this.blocks = blocks;
    this.clusters = clusters;
    this.dimension = dimension;
    this.groups = Math.max(1, Math.min(clusters, requestedGroups));
    this.groupOf = new int[clusters];
    for (int c = 0; c < clusters; c++) {
      groupOf[c] = (int) ((long) c * groups / clusters);
    }
    this.labels = new int[blocks.size()][];
    this.upper = new double[blocks.size()][];
    this.lower = new float[blocks.size()][];
    double norms = 0;
    long count = 0;
    for (int b = 0; b < blocks.size(); b++) {
      B block = blocks.get(b);
      labels[b] = new int[block.rows];
      upper[b] = new double[block.rows];
      lower[b] = new float[block.rows * groups];
      for (int r = 0; r < block.rows; r++) {
        norms += block.squaredNorms[r];
      }
      count += block.rows;
    }
    this.rowNorms = norms;
    this.rows = count;
    this.sums = new double[clusters * dimension];
    this.counts = new long[clusters];
    this.groupMoved = new double[groups];
  }

  /** How far each centre and each group's farthest centre moved from {@code before} (nowhere when null), and half gaps. */
  void measureMoves(FloatCentres before, FloatCentres centres) {
    moved = before == null ? new double[clusters] : CentreGeometry.movements(before, centres);
    Arrays.fill(groupMoved, 0);
    for (int c = 0; c < clusters; c++) {
      groupMoved[groupOf[c]] = Math.max(groupMoved[groupOf[c]], moved[c]);
    }
    half = CentreGeometry.halfGaps(centres);
  }

  /**
   * Moves row r's bounds with the centres (its upper bound by its centre's move, each group's lower bound by the
   * group's farthest move, rounded down) and returns the smallest of its lower bounds.
   */
  double moveBounds(int b, int r) {
    upper[b][r] += moved[labels[b][r]];
    int base = r * groups;
    float[] low = lower[b];
    double nearestOther = Double.POSITIVE_INFINITY;
    for (int g = 0; g < groups; g++) {
      float l = roundedDown((float) (low[base + g] - groupMoved[g]));
      low[base + g] = l;
      nearestOther = Math.min(nearestOther, l);
    }
    return nearestOther;
  }

  /**
   * The largest float below {@code x} for a positive {@code x} (the largest float for infinity), and 0 for zero or
   * a negative {@code x}: a lower bound on a distance stays one, whatever the float rounding of {@code x}. One integer
   * step where {@link Math#nextDown(float)} tests for NaN, infinity, zero and sign: it runs for every bound of every
   * row of every iteration.
   */
  static float roundedDown(float x) {
    int bits = Float.floatToRawIntBits(x);
    return Float.intBitsToFloat(bits > 0 ? bits - 1 : 0);
  }

  /**
   * Four centres a group, at most {@value #MAX_GROUPS} groups. On a million-corpus sample (k = 20) each centre its
   * own group (Elkan) computed fewer distances but took longer: a bound a centre costs a float read, a subtraction and
   * a store per row per iteration, close to what a skipped distance saves on rows of a few dozen terms.
   */
  static int defaultGroups(int clusters) {
    return Math.max(1, Math.min(MAX_GROUPS, (clusters + 3) / 4));
  }

  /** The blocks as {@code type}, or null when they are not all of it and of this dimension (or there are none). */
  static <B extends RowBlock> List<B> allOf(List<RowBlock> blocks, Class<B> type, int dimension) {
    List<B> typed = new ArrayList<>(blocks.size());
    for (RowBlock block : blocks) {
      if (!type.isInstance(block) || block.dimension != dimension) {
        return null;
      }
      typed.add(type.cast(block));
    }
    return typed.isEmpty() ? null : typed;
  }

  @Override
  public double skippedShare() {
    return rows == 0 ? 0 : (double) skipped / rows;
  }

  @Override
  public double tightenedShare() {
    return rows == 0 ? 0 : (double) tightened / rows;
  }

  @Override
  public double computedShare() {
    return rows == 0 ? 0 : (double) computedDistances / rows / clusters;
  }

  /** The cluster of row {@code row} of block {@code block} after the last iteration. */
  int label(int block, int row) {
    return labels[block][row];
  }

  int blockCount() {
    return blocks.size();
  }

  B block(int block) {
    return blocks.get(block);
  }

  /** Whether a row with these bounds certainly keeps its cluster: their squared gap beats the rounding margin. */
  static boolean clear(double upperBound, double lowerBound, double margin) {
    return lowerBound > upperBound && (lowerBound - upperBound) * (lowerBound + upperBound) > margin;
  }

  /**
   * A copy of the running sums and counts, with the cost of this assignment against {@code centres} without per-row
   * distances: sum |x - c|^2 = sum |x|^2 + sum_c n_c |c|^2 - 2 sum_c c . S_c, S_c the cluster's row sum. A copy:
   * another task may still read it while this one moves its running sums on to the next round.
   */
  CentreSums costedCopy(FloatCentres centres) {
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
