package io.textcluster.cluster.lloyd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.Platform;

/**
 * Packs each partition's feature vectors into float32 {@link DenseBlock}s, or {@link SparseBlock}s for wide sparse ones. It reads Spark's internal rows (the ML
 * vector's struct of type, size, indices, values) straight into the block, without building a Row and a Vector per
 * document.
 */
final class DenseBlockPacker {
  private DenseBlockPacker() {}

  /**
   * Sparse vectors wider than this are packed as sparse blocks (TF-IDF: tens of thousands of terms, a few dozen used
   * per document); narrower ones are cheaper dense, where one matrix multiply covers a whole block.
   */
  static final int SPARSE_MIN_DIMENSION = 256;

  /** The blocks of a one-column dataset of ML vectors; rows normalised to unit length when asked (cosine). */
  static JavaRDD<RowBlock> toBlocks(Dataset<?> vectors, int blockRows, boolean normalise) {
    return vectors.queryExecution().toRdd().toJavaRDD().mapPartitions(
        (Iterator<InternalRow> it) -> {
          List<RowBlock> blocks = new ArrayList<>();
          BlockBuilder dense = null;
          SparseBlockBuilder sparse = null;
          while (it.hasNext()) {
            InternalRow vector = it.next().getStruct(0, 4);
            boolean isDense = vector.getByte(0) == 1;
            int size = isDense ? vector.getArray(3).numElements() : vector.getInt(1);
            if (dense == null && sparse == null) {
              if (!isDense && size >= SPARSE_MIN_DIMENSION) {
                sparse = new SparseBlockBuilder(blockRows, size, normalise);
              } else {
                dense = new BlockBuilder(blockRows, size, normalise);
              }
            }
            if (sparse != null) {
              sparse.add(vector, size);
              if (sparse.full()) {
                blocks.add(sparse.build());
              }
            } else {
              dense.add(vector, size);
              if (dense.full()) {
                blocks.add(dense.build());
              }
            }
          }
          if (dense != null && dense.rows > 0) {
            blocks.add(dense.build());
          }
          if (sparse != null && !sparse.isEmpty()) {
            blocks.add(sparse.build());
          }
          return blocks.iterator();
        });
  }

  /** Fills one block row by row; reused for every block of a partition. */
  private static final class BlockBuilder {
    private final int capacity;
    private final int dimension;
    private final boolean normalise;
    private float[] values;
    private float[] norms;
    private int rows;

    BlockBuilder(int capacity, int dimension, boolean normalise) {
      this.capacity = capacity;
      this.dimension = dimension;
      this.normalise = normalise;
      reset();
    }

    private void reset() {
      values = new float[capacity * dimension];
      norms = new float[capacity];
      rows = 0;
    }

    void add(InternalRow vector, int size) {
      if (size != dimension) {
        throw new IllegalArgumentException(
            "Feature vectors must all have one dimension; found " + dimension + " and " + size);
      }
      int offset = rows * dimension;
      ArrayData vectorValues = vector.getArray(3);
      // The squared norm is summed as the values are written: one pass over the row, not two.
      double squared = 0;
      if (vector.getByte(0) == 1) {
        if (vectorValues instanceof UnsafeArrayData unsafe) {
          // Straight from the row's bytes into the block (issue 20): toDoubleArray's copy into a new array per row
          // was 60% of packing 200,000 x 384 rows, and ArrayData.getDouble per element costs twice that.
          Object base = unsafe.getBaseObject();
          long at = unsafe.getBaseOffset() + UnsafeArrayData.calculateHeaderPortionInBytes(dimension);
          for (int j = 0; j < dimension; j++) {
            float v = (float) Platform.getDouble(base, at + 8L * j);
            values[offset + j] = v;
            squared += (double) v * v;
          }
        } else {
          double[] dense = vectorValues.toDoubleArray();
          for (int j = 0; j < dimension; j++) {
            float v = (float) dense[j];
            values[offset + j] = v;
            squared += (double) v * v;
          }
        }
      } else {
        ArrayData indices = vector.getArray(2);
        for (int e = 0; e < indices.numElements(); e++) {
          float v = (float) vectorValues.getDouble(e);
          values[offset + indices.getInt(e)] = v;
          squared += (double) v * v;
        }
      }
      if (normalise && squared > 0) {
        float scale = (float) (1 / Math.sqrt(squared));
        for (int j = 0; j < dimension; j++) {
          values[offset + j] *= scale;
        }
        squared = 1;
      }
      norms[rows++] = (float) squared;
    }

    boolean full() {
      return rows == capacity;
    }

    DenseBlock build() {
      DenseBlock block =
          rows == capacity
              ? new DenseBlock(rows, dimension, values, norms)
              : new DenseBlock(rows, dimension, Arrays.copyOf(values, rows * dimension), Arrays.copyOf(norms, rows));
      reset();
      return block;
    }
  }
}
