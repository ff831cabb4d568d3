package io.textcluster.cluster.lloyd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;

/**
 * Packs each partition's feature vectors into float32 {@link DenseBlock}s. It reads Spark's internal rows (the ML
 * vector's struct of type, size, indices, values) straight into the block, without building a Row and a Vector per
 * document.
 */
final class DenseBlockPacker {
  private DenseBlockPacker() {}

  /** The blocks of a one-column dataset of ML vectors; rows normalised to unit length when asked (cosine). */
  static JavaRDD<DenseBlock> toBlocks(Dataset<?> vectors, int blockRows, boolean normalise) {
    return vectors.queryExecution().toRdd().toJavaRDD().mapPartitions(
        (Iterator<InternalRow> it) -> {
          List<DenseBlock> blocks = new ArrayList<>();
          BlockBuilder builder = null;
          while (it.hasNext()) {
            InternalRow vector = it.next().getStruct(0, 4);
            int size = vector.getByte(0) == 1 ? vector.getArray(3).numElements() : vector.getInt(1);
            if (builder == null) {
              builder = new BlockBuilder(blockRows, size, normalise);
            }
            builder.add(vector, size);
            if (builder.full()) {
              blocks.add(builder.build());
            }
          }
          if (builder != null && builder.rows > 0) {
            blocks.add(builder.build());
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
      if (vector.getByte(0) == 1) {
        // One bulk copy out of the row's bytes, then a plain loop: a getDouble call per element costs twice as much.
        double[] dense = vectorValues.toDoubleArray();
        for (int j = 0; j < dimension; j++) {
          values[offset + j] = (float) dense[j];
        }
      } else {
        ArrayData indices = vector.getArray(2);
        for (int e = 0; e < indices.numElements(); e++) {
          values[offset + indices.getInt(e)] = (float) vectorValues.getDouble(e);
        }
      }
      double squared = 0;
      for (int j = 0; j < dimension; j++) {
        squared += (double) values[offset + j] * values[offset + j];
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
