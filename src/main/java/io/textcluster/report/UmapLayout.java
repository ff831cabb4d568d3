package io.textcluster.report;

/**
 * UMAP (McInnes, Healy and Melville 2018) of the map sample on the driver, following umap-learn's defaults: 15
 * neighbours (the point itself counted, as umap-learn counts it), min_dist 0.1, 5 negative samples per edge sample.
 *
 * <p>Where the time goes, and why it is small: the neighbours are exact cosine neighbours found through an inverted
 * index over the sparse rows ({@link NearestNeighbours}: no dense vocabulary-wide rows, no hashing), the points start
 * at the rows' first two principal components ({@link LayoutStart}) so {@link #EPOCHS} epochs settle them, and both
 * the neighbour search and the epochs use every core ({@link UmapOptimizer}) with a result that depends only on the
 * rows and the seed, not on the number of cores.
 */
public final class UmapLayout {
  private static final int NEIGHBOURS = 15;
  /**
   * umap-learn runs 500 epochs below 10,000 points and 200 above, from a spectral start. From a principal-component
   * start 200 reach the same neighbourhood preservation on the BBC sample (see UmapLayoutTest) at 2.5 times less.
   */
  static final int EPOCHS = 200;

  private final long seed;

  public UmapLayout(long seed) {
    this.seed = seed;
  }

  /** 2-D coordinates for each sparse row ({@code indices[i]}, {@code values[i]}). */
  public double[][] embed(int[][] indices, double[][] values) {
    int n = indices.length;
    double[][] out = new double[n][2];
    if (n < 4) {
      // Too few points for a neighbour graph: a line keeps them apart and visible.
      for (int i = 0; i < n; i++) {
        out[i][0] = i;
      }
      return out;
    }
    UnitRows rows = UnitRows.of(indices, values);
    NearestNeighbours knn = NearestNeighbours.of(rows, Math.min(NEIGHBOURS - 1, n - 1));
    FuzzyGraph graph = FuzzyGraph.of(knn, EPOCHS);
    double[] xy = LayoutStart.principal(rows, seed);
    new UmapOptimizer(seed).optimise(graph, xy, EPOCHS);
    for (int i = 0; i < n; i++) {
      out[i][0] = xy[2 * i];
      out[i][1] = xy[2 * i + 1];
    }
    return out;
  }
}
