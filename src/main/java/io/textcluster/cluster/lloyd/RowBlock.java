package io.textcluster.cluster.lloyd;

import java.io.Serializable;

/**
 * What the Lloyd solver iterates over: a block of dense rows (embeddings, LSA) or of sparse rows (TF-IDF), with the
 * rows' squared norms precomputed.
 */
abstract class RowBlock implements Serializable {
  private static final long serialVersionUID = 1L;
  final int rows;
  final int dimension;
  final float[] squaredNorms;

  RowBlock(int rows, int dimension, float[] squaredNorms) {
    this.rows = rows;
    this.dimension = dimension;
    this.squaredNorms = squaredNorms;
  }
}
