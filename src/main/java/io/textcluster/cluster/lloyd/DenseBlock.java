package io.textcluster.cluster.lloyd;

/**
 * A block of dense rows stored as one row-major float32 array with the rows' squared norms precomputed: the unit
 * that one BLAS matrix multiply turns into the block's distances to every centre. Float32 halves the memory and the
 * bandwidth of double, which is what bounds k-means on embeddings.
 */
final class DenseBlock extends RowBlock {
  private static final long serialVersionUID = 1L;
  final float[] values;

  DenseBlock(int rows, int dimension, float[] values, float[] squaredNorms) {
    super(rows, dimension, squaredNorms);
    this.values = values;
  }
}
