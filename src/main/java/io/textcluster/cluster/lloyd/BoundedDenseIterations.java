package io.textcluster.cluster.lloyd;

import java.util.Arrays;
import java.util.List;

/**
 * One barrier task's Lloyd iterations over its dense blocks (embeddings, LSA), skipping the rows whose nearest centre
 * provably did not change: the bounds of {@link BoundedSparseIterations} (an upper bound on the distance to the row's
 * centre, a lower bound per group of centres, Yinyang k-means), with the distances the bounds cannot spare computed as
 * the plain iteration computes them, by one SGEMM per chunk of rows. Per chunk of {@value #CHUNK_ROWS} rows, the rows
 * the bounds settle cost a few float operations; when most of a chunk is left, the chunk is multiplied in place, as
 * in the plain iteration; otherwise the rows left are gathered and multiplied together. Before a row is recomputed,
 * one exact distance to its own centre may tighten its upper bound enough to settle it (while that pays: a dot product
 * costs about a sixth of a row's SGEMM share).
 *
 * <p>On make_dense.py's set (200,000 x 384, k = 50) the centres move little after a few iterations, and most rows keep
 * their cluster on their bounds alone: the late iterations cost a fraction of the plain ones.
 *
 * <p>Exactness: bounds are widened by more than the float rounding of the SGEMM (about K ulp of |x|^2 + |c|^2 for
 * K = dimension terms), and a row is settled only when its bounds leave a squared gap above that rounding, so the plain
 * iteration could not have chosen otherwise; a recomputed row is assigned by the plain rule (smallest, first of equals)
 * over all k distances.
 */
final class BoundedDenseIterations extends BoundedRows<DenseBlock> {
  private static final int CHUNK_ROWS = 256;
  /** The unit roundoff of float32. */
  private static final double FLOAT_ROUNDOFF = 0x1p-24;
  /** Tightening goes on while at least this share of the rows it is tried on are settled by it. */
  private static final double TIGHTEN_PAYS = 0.2;

  /** Group g's centres are groupStart[g] to groupStart[g + 1] - 1. */
  private final int[] groupStart;
  /**
   * Relative widening of a computed squared distance (of |x|^2 + |c|^2) before it becomes a bound: a float32 dot product
   * over d terms is off by at most about d roundoffs of |x||c|, whatever order BLAS sums in; four times that.
   */
  private final double rounding;
  /** Relative squared gap that settles a row: twice the widening, so that the plain SGEMM could not decide otherwise. */
  private final double margin;
  private final float[] dots;
  private final float[] gathered;
  private final int[] pending;
  private final float[] groupNearest;
  /**
   * This block's changes to the running sums, in float, folded into the double sums once a block, as the plain
   * iteration sums a block ({@link CentreSums#add(DenseBlock, FloatCentres)}): a float add per value where a double one
   * costs a conversion too, and early in a fit most rows move.
   */
  private final float[] moves;
  private boolean movesPending;
  private FloatCentres previous;
  private FloatCentres current;
  private double largest;
  // Off at first: the centres move far in the first iterations, and a tightened bound rarely settles a row.
  private boolean tighten;
  private long tried;

  private BoundedDenseIterations(List<DenseBlock> blocks, int clusters, int dimension, int requestedGroups) {
    super(blocks, clusters, dimension, requestedGroups);
    this.rounding = 4 * (dimension + 2) * FLOAT_ROUNDOFF;
    this.margin = 2 * rounding;
    this.groupStart = new int[groups + 1];
    for (int c = 0; c < clusters; c++) {
      groupStart[groupOf[c] + 1] = c + 1;
    }
    this.dots = new float[CHUNK_ROWS * clusters];
    this.gathered = new float[CHUNK_ROWS * dimension];
    this.pending = new int[CHUNK_ROWS];
    this.groupNearest = new float[groups];
    this.moves = new float[clusters * dimension];
    for (double[] bounds : upper) {
      Arrays.fill(bounds, Double.POSITIVE_INFINITY);
    }
    // Every row starts in cluster 0 with bounds that settle nothing, so the first iteration takes the code path of
    // all the later ones: compiled once, where a path of its own would be dropped by the JIT (a deoptimisation in
    // the second iteration, then compiled again).
    counts[0] = rows;
    for (DenseBlock block : blocks) {
      for (int i = 0; i < block.rows * dimension; i += dimension) {
        CentreSums.addRow(moves, 0, block.values, i, dimension);
      }
      movesPending = true;
      foldMoves();
    }
  }

  /** The bounded iterations over a task's blocks, or null when they are not all dense (or there are none). */
  static BoundedDenseIterations of(List<RowBlock> blocks, int clusters, int dimension) {
    return of(blocks, clusters, dimension, defaultGroups(clusters));
  }

  /** As {@link #of(List, int, int)}, with the centres in {@code groups} groups. */
  static BoundedDenseIterations of(List<RowBlock> blocks, int clusters, int dimension, int groups) {
    List<DenseBlock> dense = allOf(blocks, DenseBlock.class, dimension);
    return dense == null ? null : new BoundedDenseIterations(dense, clusters, dimension, groups);
  }

  @Override
  public CentreSums next(FloatCentres centres) {
    skipped = 0;
    tightened = 0;
    tried = 0;
    computedDistances = 0;
    current = centres;
    largest = CentreGeometry.largestSquaredNorm(centres);
    measureMoves(previous, centres);
    for (int b = 0; b < blocks.size(); b++) {
      DenseBlock block = blocks.get(b);
      for (int first = 0; first < block.rows; first += CHUNK_ROWS) {
        chunk(b, block, first, Math.min(CHUNK_ROWS, block.rows - first));
      }
      foldMoves();
    }
    if (previous != null) {
      // Off while it settles too few of the rows it is tried on (early in a fit, when the centres still move far);
      // tried again once the bounds alone settle a good share of the rows.
      tighten = tried > 0 ? tightened >= TIGHTEN_PAYS * tried : skipped >= TIGHTEN_PAYS * rows;
    }
    previous = centres;
    return costedCopy(centres);
  }

  /** One chunk of a block: the rows its bounds cannot settle, recomputed by one SGEMM. */
  private void chunk(int b, DenseBlock block, int first, int count) {
    int left = 0;
    for (int r = first; r < first + count; r++) {
      if (!settledByBounds(b, block, r)) {
        pending[left++] = r;
      }
    }
    if (left == 0) {
      return;
    }
    // Most of the chunk left: multiply it where it lies, as the plain iteration does; else gather the rows left.
    boolean inPlace = left > count / 2;
    float[] x = block.values;
    int offset = first * dimension;
    if (!inPlace) {
      for (int i = 0; i < left; i++) {
        System.arraycopy(block.values, pending[i] * dimension, gathered, i * dimension, dimension);
      }
      x = gathered;
      offset = 0;
    }
    current.partialDistances(x, offset, inPlace ? count : left, dots);
    computedDistances += (long) left * clusters;
    for (int i = 0; i < left; i++) {
      int r = pending[i];
      assign(b, block, r, (inPlace ? r - first : i) * clusters);
    }
  }

  /**
   * Moves the row's bounds with the centres and says whether they prove its cluster unchanged, tightening its upper
   * bound with one exact distance when that pays.
   */
  private boolean settledByBounds(int b, DenseBlock block, int r) {
    int a = labels[b][r];
    double nearestOther = moveBounds(b, r);
    double u = upper[b][r];
    double xx = block.squaredNorms[r];
    double gap = margin * (xx + largest);
    double proof = 2 * half[a];
    if (clear(u, Math.max(nearestOther, proof - u), gap)) {
      skipped++;
      return true;
    }
    if (!tighten) {
      return false;
    }
    tried++;
    computedDistances++;
    double exact = current.squaredNorms[a] - 2.0 * dot(block.values, r * dimension, current.values, a * dimension);
    u = Math.sqrt(Math.max(0, exact + xx) + rounding * (xx + largest));
    upper[b][r] = u;
    if (clear(u, Math.max(nearestOther, proof - u), gap)) {
      tightened++;
      return true;
    }
    return false;
  }

  /** Assigns a recomputed row by the plain rule and renews all its bounds from its k distances at {@code at}. */
  private void assign(int b, DenseBlock block, int r, int at) {
    // Each group's nearest distance (groups are runs of consecutive centres) without a branch per centre: a branch on
    // which of two near-equal distances is smaller is mispredicted about as often as not, and this runs for every
    // recomputed row.
    for (int g = 0; g < groups; g++) {
      float least = Float.POSITIVE_INFINITY;
      for (int c = groupStart[g], end = groupStart[g + 1]; c < end; c++) {
        float d = dots[at + c];
        least = d < least ? d : least;
      }
      groupNearest[g] = least;
    }
    // The plain rule's centre, smallest and first of equals: the first group holding the smallest distance holds its
    // first centre.
    int home = 0;
    for (int g = 1; g < groups; g++) {
      if (groupNearest[g] < groupNearest[home]) {
        home = g;
      }
    }
    float smallest = groupNearest[home];
    int best = groupStart[home];
    while (best < groupStart[home + 1] - 1 && !(dots[at + best] <= smallest)) {
      best++;
    }
    // The bound of the nearest centre's own group is its other centres' nearest.
    float other = Float.POSITIVE_INFINITY;
    for (int c = groupStart[home], end = groupStart[home + 1]; c < end; c++) {
      float d = dots[at + c];
      other = c != best && d < other ? d : other;
    }
    groupNearest[home] = other;
    double xx = block.squaredNorms[r];
    double widening = rounding * (xx + largest);
    upper[b][r] = Math.sqrt(Math.max(0, smallest + xx) + widening);
    int base = r * groups;
    for (int g = 0; g < groups; g++) {
      // An empty group (one centre, the row's own) gives an infinite bound, rounded down to a float near the largest.
      lower[b][base + g] = lowerBound(groupNearest[g] + xx - widening);
    }
    int from = labels[b][r];
    if (best != from) {
      labels[b][r] = best;
      counts[from]--;
      counts[best]++;
      moveRow(block, r, from, best);
    }
  }

  /**
   * A float lower bound on the square root of {@code squared} (clamped at 0): the float square root, which the JIT
   * turns into one single-precision instruction where the double one takes twice as long (13 a row for k = 50), two
   * float steps down for the rounding of the argument and of the root.
   */
  private static float lowerBound(double squared) {
    return roundedDown(roundedDown((float) Math.sqrt((float) Math.max(0, squared))));
  }

  /**
   * Moves a row's values from one cluster's sums to another's, in this block's float changes (unrolled by hand, as
   * CentreSums.addRow).
   */
  private void moveRow(DenseBlock block, int r, int from, int to) {
    int leaving = from * dimension;
    int joining = to * dimension;
    int row = r * dimension;
    float[] values = block.values;
    int j = 0;
    for (; j + 4 <= dimension; j += 4) {
      float v0 = values[row + j], v1 = values[row + j + 1], v2 = values[row + j + 2], v3 = values[row + j + 3];
      moves[leaving + j] -= v0;
      moves[leaving + j + 1] -= v1;
      moves[leaving + j + 2] -= v2;
      moves[leaving + j + 3] -= v3;
      moves[joining + j] += v0;
      moves[joining + j + 1] += v1;
      moves[joining + j + 2] += v2;
      moves[joining + j + 3] += v3;
    }
    for (; j < dimension; j++) {
      moves[leaving + j] -= values[row + j];
      moves[joining + j] += values[row + j];
    }
    movesPending = true;
  }

  /** Adds this block's changes to the double running sums and clears them. */
  private void foldMoves() {
    if (movesPending) {
      for (int i = 0; i < moves.length; i++) {
        sums[i] += moves[i];
      }
      Arrays.fill(moves, 0f);
      movesPending = false;
    }
  }

  /** x . y over {@code dimension} floats, in eight running sums (HotSpot does not vectorise a float reduction). */
  private float dot(float[] x, int from, float[] y, int to) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int j = 0;
    for (; j + 8 <= dimension; j += 8) {
      s0 += x[from + j] * y[to + j];
      s1 += x[from + j + 1] * y[to + j + 1];
      s2 += x[from + j + 2] * y[to + j + 2];
      s3 += x[from + j + 3] * y[to + j + 3];
      s4 += x[from + j + 4] * y[to + j + 4];
      s5 += x[from + j + 5] * y[to + j + 5];
      s6 += x[from + j + 6] * y[to + j + 6];
      s7 += x[from + j + 7] * y[to + j + 7];
    }
    for (; j < dimension; j++) {
      s0 += x[from + j] * y[to + j];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }
}
