package io.textcluster.cluster.lloyd;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Per-cluster sums and counts and the total cost of one Lloyd iteration, accumulated block by block in a task, then
 * merged across tasks. Each block's distances to every centre come from one SGEMM per chunk of rows with the centres'
 * norms folded in ({@link FloatCentres#partialDistances}).
 */
final class CentreSums implements Serializable {
  private static final int CHUNK_ROWS = 256;
  private final int clusters;
  private final int dimension;
  // Allocated on first use: the empty accumulation is the zero value that Spark serialises into every task.
  double[] sums;
  long[] counts;
  double cost;
  private transient float[] dots;
  private transient float[] blockSums;
  private transient int[] labels;

  CentreSums(int clusters, int dimension) {
    this.clusters = clusters;
    this.dimension = dimension;
  }

  void allocate() {
    if (sums == null) {
      sums = new double[clusters * dimension];
      counts = new long[clusters];
    }
  }

  CentreSums add(RowBlock block, FloatCentres centres) {
    return block instanceof SparseBlock sparse ? add(sparse, centres) : add((DenseBlock) block, centres);
  }

  /**
   * A sparse block's rows, one at a time: |c|^2 - 2 x.c for every centre ({@link SparseDistances}), then the row's
   * non-zeros added to its nearest centre's sums.
   */
  CentreSums add(SparseBlock block, FloatCentres centres) {
    allocate();
    int d = block.dimension;
    int clusters = centres.count;
    float[] byDimension = centres.byDimension();
    float[] norms = centres.squaredNorms;
    double[] distances = new double[clusters];
    double blockCost = 0;
    for (int r = 0; r < block.rows; r++) {
      SparseDistances.toAll(block, r, byDimension, norms, clusters, distances);
      int best = SparseDistances.nearest(distances, clusters);
      counts[best]++;
      blockCost += Math.max(0.0, distances[best] + block.squaredNorms[r]);
      int base = best * d;
      for (int e = block.starts[r], end = block.starts[r + 1]; e < end; e++) {
        sums[base + block.indices[e]] += block.values[e];
      }
    }
    cost += blockCost;
    return this;
  }

  CentreSums add(DenseBlock block, FloatCentres centres) {
    allocate();
    int d = block.dimension;
    int clusters = centres.count;
    if (dots == null || dots.length < CHUNK_ROWS * clusters) {
      dots = new float[CHUNK_ROWS * clusters];
      labels = new int[CHUNK_ROWS];
    }
    if (blockSums == null) {
      blockSums = new float[sums.length];
    } else {
      Arrays.fill(blockSums, 0f);
    }
    // One SGEMM per chunk of CHUNK_ROWS rows gives the chunk's distances to every centre, less |x|^2 ({@link
    // FloatCentres#partialDistances}). Chunks are small enough that a chunk's rows are still in cache when they are
    // added to their centre's sums right after the multiply.
    double blockCost = 0;
    for (int first = 0; first < block.rows; first += CHUNK_ROWS) {
      int rows = Math.min(CHUNK_ROWS, block.rows - first);
      centres.partialDistances(block.values, first * d, rows, dots);
      for (int r = 0; r < rows; r++) {
        int row = r * clusters;
        int best = nearest(dots, row, clusters);
        labels[r] = best;
        counts[best]++;
        blockCost += Math.max(0.0, (double) dots[row + best] + block.squaredNorms[first + r]);
      }
      for (int r = 0; r < rows; r++) {
        addRow(blockSums, labels[r] * d, block.values, (first + r) * d, d);
      }
    }
    cost += blockCost;
    for (int j = 0; j < sums.length; j++) {
      sums[j] += blockSums[j];
    }
    return this;
  }

  /** The index of the smallest of {@code count} values from {@code offset}. */
  private static int nearest(float[] distances, int offset, int count) {
    int best = 0;
    float smallest = distances[offset];
    for (int c = 1; c < count; c++) {
      float distance = distances[offset + c];
      if (distance < smallest) {
        smallest = distance;
        best = c;
      }
    }
    return best;
  }

  /**
   * sums[to..to+d) += values[from..from+d). Float sums within a block (a few thousand rows: no precision at stake),
   * folded into the double totals once per block. Unrolled by hand: HotSpot's JDK 17 auto-vectoriser gives up on two
   * float arrays that might alias, and the unrolled loop measured a quarter faster than the plain one.
   */
  static void addRow(float[] sums, int to, float[] values, int from, int d) {
    int j = 0;
    for (; j + 8 <= d; j += 8) {
      sums[to + j] += values[from + j];
      sums[to + j + 1] += values[from + j + 1];
      sums[to + j + 2] += values[from + j + 2];
      sums[to + j + 3] += values[from + j + 3];
      sums[to + j + 4] += values[from + j + 4];
      sums[to + j + 5] += values[from + j + 5];
      sums[to + j + 6] += values[from + j + 6];
      sums[to + j + 7] += values[from + j + 7];
    }
    for (; j < d; j++) {
      sums[to + j] += values[from + j];
    }
  }

  CentreSums merge(CentreSums other) {
    if (other.sums == null) {
      return this;
    }
    allocate();
    for (int i = 0; i < sums.length; i++) {
      sums[i] += other.sums[i];
    }
    for (int c = 0; c < counts.length; c++) {
      counts[c] += other.counts[c];
    }
    cost += other.cost;
    return this;
  }
}
