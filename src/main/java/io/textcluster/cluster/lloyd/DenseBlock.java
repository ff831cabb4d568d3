package io.textcluster.cluster.lloyd;

/**
 * A block of dense rows stored as one row-major float32 array with the rows' squared norms precomputed: the unit
 * that one BLAS matrix multiply turns into the block's distances to every centre. Float32 halves the memory and the
 * bandwidth of double, which is what bounds k-means on embeddings.
 */
final class DenseBlock implements RowBlock {
  final int rows;
  final int dimension;
  final float[] values;
  final float[] squaredNorms;

  DenseBlock(int rows, int dimension, float[] values, float[] squaredNorms) {
    this.rows = rows;
    this.dimension = dimension;
    this.values = values;
    this.squaredNorms = squaredNorms;
  }

  @Override
  public int rows() {
    return rows;
  }
}
