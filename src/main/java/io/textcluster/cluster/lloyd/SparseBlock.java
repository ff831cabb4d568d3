package io.textcluster.cluster.lloyd;

/**
 * A block of sparse rows (TF-IDF) in compressed sparse row form, float32, with the rows' squared norms precomputed:
 * row r's terms are {@code indices[starts[r] .. starts[r + 1])}. A TF-IDF row touches a few dozen of tens of
 * thousands of dimensions, so a dense block would be almost all zeros.
 */
final class SparseBlock extends RowBlock {
  private static final long serialVersionUID = 1L;
  final int[] starts;
  final int[] indices;
  final float[] values;

  SparseBlock(int rows, int dimension, int[] starts, int[] indices, float[] values, float[] squaredNorms) {
    super(rows, dimension, squaredNorms);
    this.starts = starts;
    this.indices = indices;
    this.values = values;
  }
}
