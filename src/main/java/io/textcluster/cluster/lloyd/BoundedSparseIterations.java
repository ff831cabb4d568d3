package io.textcluster.cluster.lloyd;

import java.util.Arrays;
import java.util.List;

/**
 * One barrier task's Lloyd iterations over its sparse blocks, skipping the rows whose nearest centre provably did not
 * change (Hamerly 2010, "Making k-means even faster"; with bounds per group of centres as in Yinyang k-means, Ding et
 * al. 2015). Per row it keeps its cluster, an upper bound on its distance to that centre and, per group of centres, a
 * lower bound on its distance to every other centre of the group; per cluster it keeps running sums and counts,
 * changed only for the rows that move. A row whose bounds rule out every group costs no distance; otherwise one exact
 * distance tightens its upper bound, and only the groups still not ruled out are computed. On TF-IDF all distances
 * are close, so Hamerly's single bound (one group) settled few rows: one centre's move loosens it for every row.
 *
 * <p>Exactness: every distance is measured against the float32 centres the plain iteration uses (movements and
 * centre-to-centre distances too, computed in double from those floats), computed distances are widened by more than
 * their rounding before they become bounds, and a centre is ruled out only when the row's bounds leave a squared gap
 * well above the plain iteration's own rounding. The distances that are computed are the plain iteration's ({@link
 * SparseDistances}, bit-identical), and the nearest of them is chosen by the same rule, so the assignment is the
 * plain iteration's one apart from exact float ties.
 */
final class BoundedSparseIterations extends BoundedRows<SparseBlock> {
  /** Relative widening of a computed squared distance before it becomes a bound; its rounding is about 1e-7. */
  private static final double ROUNDING = 1e-6;
  /** Relative squared gap a ruled-out centre must leave, so that the plain iteration could not decide otherwise. */
  private static final double MARGIN = 1e-5;
  /** Above this share of the k distances per row in the last iteration, the next one recomputes every row. */
  private static final double FULL_PASS = 0.9;
  /** The share of rows a recomputing iteration's bounds must have settled outright for the next to use them. */
  private static final double PROBE = 0.05;

  private final double[] distances;
  private final int[] which;
  private final double[] groupNearest;
  private final boolean[] opened;
  private FloatCentres previous;
  // This iteration's centres and what the rows' bounds need of them.
  private FloatCentres current;
  private float[] byDimension;
  private double largest;
  private boolean boundsPay;
  private long settledByBounds;

  private BoundedSparseIterations(List<SparseBlock> blocks, int clusters, int dimension, int requestedGroups) {
    super(blocks, clusters, dimension, requestedGroups);
    this.distances = new double[clusters];
    this.which = new int[clusters];
    this.groupNearest = new double[groups];
    this.opened = new boolean[groups];
  }

  /** The bounded iterations over a task's blocks, or null when they are not all sparse (or there are none). */
  static BoundedSparseIterations of(List<RowBlock> blocks, int clusters, int dimension) {
    return of(blocks, clusters, dimension, defaultGroups(clusters));
  }

  /** As {@link #of(List, int, int)}, with the centres in {@code groups} groups. */
  static BoundedSparseIterations of(List<RowBlock> blocks, int clusters, int dimension, int groups) {
    List<SparseBlock> sparse = allOf(blocks, SparseBlock.class, dimension);
    return sparse == null ? null : new BoundedSparseIterations(sparse, clusters, dimension, groups);
  }

  @Override
  public CentreSums next(FloatCentres centres) {
    skipped = 0;
    tightened = 0;
    if (previous == null) {
      first(centres);
    } else {
      reassign(centres);
    }
    previous = centres;
    return costedCopy(centres);
  }

  /** The first iteration: every row's k distances, from which its cluster and all its bounds. */
  private void first(FloatCentres centres) {
    byDimension = centres.byDimension();
    largest = CentreGeometry.largestSquaredNorm(centres);
    computedDistances = rows * clusters;
    for (int b = 0; b < blocks.size(); b++) {
      SparseBlock block = blocks.get(b);
      for (int r = 0; r < block.rows; r++) {
        SparseDistances.toAll(block, r, byDimension, centres.squaredNorms, clusters, distances);
        int best = SparseDistances.nearest(distances, clusters);
        Arrays.fill(opened, true);
        settle(b, r, best, block.squaredNorms[r], largest);
        labels[b][r] = best;
        counts[best]++;
        addRow(block, r, best, 1);
      }
    }
  }

  private void reassign(FloatCentres centres) {
    current = centres;
    byDimension = centres.byDimension();
    measureMoves(previous, centres);
    largest = CentreGeometry.largestSquaredNorm(centres);
    computedDistances = 0;
    settledByBounds = 0;
    for (int b = 0; b < blocks.size(); b++) {
      SparseBlock block = blocks.get(b);
      for (int r = 0; r < block.rows; r++) {
        if (boundsPay) {
          reassign(b, block, r);
        } else {
          recompute(b, block, r);
        }
      }
    }
    // Early in a fit the bounds rule out almost nothing, and checking them then only adds to the k distances: the
    // rows are recomputed until the bounds (still kept) would have settled a few of them outright.
    boundsPay = boundsPay ? computedDistances < FULL_PASS * rows * clusters : settledByBounds >= PROBE * rows;
  }

  /**
   * A row's k distances, its cluster from them (moving its sums if it changes) and all its bounds renewed; counted as
   * skipped when its moved bounds alone would have kept its cluster.
   */
  private void recompute(int b, SparseBlock block, int r) {
    int a = labels[b][r];
    double u = upper[b][r] + moved[a];
    double nearestOther = Double.POSITIVE_INFINITY;
    for (int g = 0, base = r * groups; g < groups; g++) {
      nearestOther = Math.min(nearestOther, lower[b][base + g] - groupMoved[g]);
    }
    double xx = block.squaredNorms[r];
    if (clear(u, Math.max(nearestOther, 2 * half[a] - u), MARGIN * (xx + largest))) {
      settledByBounds++;
    }
    SparseDistances.toAll(block, r, byDimension, current.squaredNorms, clusters, distances);
    computedDistances += clusters;
    int best = SparseDistances.nearest(distances, clusters);
    Arrays.fill(opened, true);
    settleAndMove(b, block, r, a, best, xx);
  }

  /** One row of a later iteration: its bounds moved with the centres, then as few distances as they allow. */
  private void reassign(int b, SparseBlock block, int r) {
    int a = labels[b][r];
    int base = r * groups;
    float[] low = lower[b];
    // Each group's centres moved at most its farthest mover's distance.
    double nearestOther = moveBounds(b, r);
    double u = upper[b][r];
    double xx = block.squaredNorms[r];
    double margin = MARGIN * (xx + largest);
    // Two proofs that no other centre c is nearer: the bounds, and d(x, c) >= d(a, c) - d(x, a) >= 2 half[a] - u.
    double proof = 2 * half[a];
    if (clear(u, Math.max(nearestOther, proof - u), margin)) {
      skipped++;
      return;
    }
    double exact = SparseDistances.to(block, r, byDimension, current.squaredNorms, clusters, a);
    computedDistances++;
    u = Math.sqrt(Math.max(0, exact + xx) + ROUNDING * (xx + largest));
    upper[b][r] = u;
    if (clear(u, Math.max(nearestOther, proof - u), margin)) {
      tightened++;
      return;
    }
    // The centres of the groups whose bound does not rule them out; all k when that is most of them.
    int candidates = 0;
    for (int g = 0; g < groups; g++) {
      opened[g] = !clear(u, low[base + g], margin);
    }
    for (int c = 0; c < clusters; c++) {
      if (opened[groupOf[c]] && c != a) {
        which[candidates++] = c;
      }
    }
    int best;
    if (candidates > clusters / 2) {
      SparseDistances.toAll(block, r, byDimension, current.squaredNorms, clusters, distances);
      computedDistances += clusters;
      best = SparseDistances.nearest(distances, clusters);
      // Every group's bound is then renewed from the exact distances.
      Arrays.fill(opened, true);
    } else {
      SparseDistances.toSome(block, r, byDimension, current.squaredNorms, clusters, which, candidates, distances);
      computedDistances += candidates;
      distances[a] = exact;
      // The nearest computed centre by the plain rule (smallest, first of equals); the others are proven farther.
      best = a;
      for (int i = 0; i < candidates; i++) {
        int c = which[i];
        if (distances[c] < distances[best] || (distances[c] == distances[best] && c < best)) {
          best = c;
        }
      }
      if (best != a && !opened[groupOf[a]]) {
        // a's group was not recomputed: its bound now also covers a, which the row leaves.
        low[base + groupOf[a]] = Math.min(low[base + groupOf[a]], lowerFrom(exact, xx, largest));
      }
    }
    settleAndMove(b, block, r, a, best, xx);
  }

  /** Renews the row's bounds ({@link #settle}) and, when its nearest centre changed, moves it and its sums there. */
  private void settleAndMove(int b, SparseBlock block, int r, int from, int best, double xx) {
    settle(b, r, best, xx, largest);
    if (best != from) {
      labels[b][r] = best;
      counts[from]--;
      counts[best]++;
      addRow(block, r, from, -1);
      addRow(block, r, best, 1);
    }
  }

  /**
   * Sets the row's upper bound from its nearest centre's computed distance, and each opened group's lower bound from
   * the computed distances of its other centres, widened by more than their rounding.
   */
  private void settle(int b, int r, int best, double xx, double largest) {
    int base = r * groups;
    double rounding = ROUNDING * (xx + largest);
    upper[b][r] = Math.sqrt(Math.max(0, distances[best] + xx) + rounding);
    // Each opened group's nearest other centre first, in the squared domain: one square root per group, not per centre.
    for (int g = 0; g < groups; g++) {
      if (opened[g]) {
        groupNearest[g] = Double.POSITIVE_INFINITY;
      }
    }
    for (int c = 0; c < clusters; c++) {
      int g = groupOf[c];
      if (opened[g] && c != best && distances[c] < groupNearest[g]) {
        groupNearest[g] = distances[c];
      }
    }
    for (int g = 0; g < groups; g++) {
      if (opened[g]) {
        lower[b][base + g] = groupNearest[g] == Double.POSITIVE_INFINITY
            ? Float.POSITIVE_INFINITY
            : lowerFrom(groupNearest[g], xx, largest);
      }
    }
  }


  /** A lower bound, in float, on the distance whose computed square less |x|^2 is {@code partial}. */
  private static float lowerFrom(double partial, double xx, double largest) {
    return roundedDown((float) Math.sqrt(Math.max(0, partial + xx - ROUNDING * (xx + largest))));
  }

  /** Adds ({@code sign} 1) or removes (-1) a row's non-zeros to or from a cluster's running sums. */
  private void addRow(SparseBlock block, int r, int cluster, int sign) {
    int base = cluster * dimension;
    for (int e = block.starts[r], end = block.starts[r + 1]; e < end; e++) {
      sums[base + block.indices[e]] += sign * block.values[e];
    }
  }

}
