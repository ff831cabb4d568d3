package io.textcluster.cluster.lloyd;

import java.util.List;

/**
 * A barrier task's Lloyd iterations that keep, per row, bounds on its distances to the centres across iterations and
 * skip the rows whose cluster provably did not change ({@link BoundedSparseIterations} for TF-IDF rows, {@link
 * BoundedDenseIterations} for embeddings). Each call assigns every row to the given centres exactly as the plain
 * iteration ({@link CentreSums}) would, up to float ties.
 */
interface BoundedIterations {
  /** The bounded iterations over a task's blocks, or null when its blocks are neither all sparse nor all dense. */
  static BoundedIterations of(List<RowBlock> blocks, int clusters, int dimension) {
    BoundedIterations sparse = BoundedSparseIterations.of(blocks, clusters, dimension);
    return sparse != null ? sparse : BoundedDenseIterations.of(blocks, clusters, dimension);
  }

  /**
   * Assigns the rows to {@code centres} and returns this task's sums, counts and cost for them. The value returned is
   * a copy: another task may still read it while this one already moves its running sums on to the next round.
   */
  CentreSums next(FloatCentres centres);

  /** Rows of the last iteration whose bounds alone kept their cluster. */
  double skippedShare();

  /** Rows of the last iteration that kept their cluster after one exact distance. */
  double tightenedShare();

  /** Distances the last iteration computed, as a share of the plain iteration's k per row. */
  double computedShare();
}
