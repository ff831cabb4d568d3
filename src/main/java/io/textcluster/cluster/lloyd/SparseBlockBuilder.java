package io.textcluster.cluster.lloyd;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Fills {@link SparseBlock}s row by row from Spark's internal vector rows (type, size, indices, values); reused for
 * every block of a partition.
 */
final class SparseBlockBuilder {
  private final int capacity;
  private final int dimension;
  private final boolean normalise;
  private int[] starts;
  private int[] indices;
  private float[] values;
  private float[] norms;
  private int rows;
  private int entries;

  SparseBlockBuilder(int capacity, int dimension, boolean normalise) {
    this.capacity = capacity;
    this.dimension = dimension;
    this.normalise = normalise;
    reset();
  }

  private void reset() {
    starts = new int[capacity + 1];
    indices = new int[Math.max(16, capacity * 16)];
    values = new float[indices.length];
    norms = new float[capacity];
    rows = 0;
    entries = 0;
  }

  /** Adds a sparse (type 0) or dense (type 1) vector row of {@code size} dimensions, keeping its non-zeros. */
  void add(InternalRow vector, int size) {
    if (size != dimension) {
      throw new IllegalArgumentException(
          "Feature vectors must all have one dimension; found " + dimension + " and " + size);
    }
    double[] rowValues = vector.getArray(3).toDoubleArray();
    int[] rowIndices = vector.getByte(0) == 1 ? null : vector.getArray(2).toIntArray();
    ensure(entries + rowValues.length);
    int first = entries;
    double squared = 0;
    for (int e = 0; e < rowValues.length; e++) {
      if (rowValues[e] != 0) {
        indices[entries] = rowIndices == null ? e : rowIndices[e];
        values[entries++] = (float) rowValues[e];
        squared += rowValues[e] * rowValues[e];
      }
    }
    if (normalise && squared > 0) {
      float scale = (float) (1 / Math.sqrt(squared));
      for (int e = first; e < entries; e++) {
        values[e] *= scale;
      }
      squared = 1;
    }
    norms[rows++] = (float) squared;
    starts[rows] = entries;
  }

  private void ensure(int needed) {
    if (needed > indices.length) {
      int grown = Math.max(needed, indices.length * 2);
      indices = Arrays.copyOf(indices, grown);
      values = Arrays.copyOf(values, grown);
    }
  }

  boolean full() {
    return rows == capacity;
  }

  boolean isEmpty() {
    return rows == 0;
  }

  SparseBlock build() {
    SparseBlock block = new SparseBlock(rows, dimension, Arrays.copyOf(starts, rows + 1),
        Arrays.copyOf(indices, entries), Arrays.copyOf(values, entries), Arrays.copyOf(norms, rows));
    reset();
    return block;
  }
}
