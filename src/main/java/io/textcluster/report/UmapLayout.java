package io.textcluster.report;

import tagbio.umap.Umap;

/**
 * UMAP of the map sample on the driver (tech.molecules:external-umap-java, the tag.bio Java port: approximate nearest
 * neighbours by NN-descent, so about linear in the sample, unlike exact t-SNE's O(n^2) per iteration).
 *
 * <p>The library needs dense rows, and a sample's TF-IDF vocabulary can hold hundreds of thousands of terms, so each
 * sparse document is first hashed into {@link #DIMENSIONS} signed buckets (feature hashing, which keeps inner products
 * in expectation) and scaled to unit length; Euclidean distance between unit vectors orders neighbours as cosine
 * distance does, the usual metric for text. One thread, so a seed gives the same map on any machine.
 */
public final class UmapLayout {
  static final int DIMENSIONS = 256;
  private static final int NEIGHBOURS = 15;

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
    float[][] dense = new float[n][];
    for (int i = 0; i < n; i++) {
      dense[i] = hashed(indices[i], values[i]);
    }
    Umap umap = new Umap();
    umap.setNumberComponents(2);
    umap.setNumberNearestNeighbours(Math.min(NEIGHBOURS, n - 1));
    umap.setMetric("euclidean");
    umap.setSeed(seed);
    umap.setThreads(1);
    umap.setVerbose(false);
    float[][] y = umap.fitTransform(dense);
    for (int i = 0; i < n; i++) {
      out[i][0] = y[i][0];
      out[i][1] = y[i][1];
    }
    return out;
  }

  /** The signed-bucket hash of one sparse row, scaled to unit length (all zeros stays zeros). */
  static float[] hashed(int[] indices, double[] values) {
    float[] v = new float[DIMENSIONS];
    for (int j = 0; j < indices.length; j++) {
      long h = mix(indices[j]);
      int bucket = (int) Long.remainderUnsigned(h, DIMENSIONS);
      v[bucket] += (float) (((h >>> 63) == 0 ? 1 : -1) * values[j]);
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm > 0) {
      float scale = (float) (1 / Math.sqrt(norm));
      for (int j = 0; j < v.length; j++) {
        v[j] *= scale;
      }
    }
    return v;
  }

  /** SplitMix64's finaliser: a well-spread 64-bit hash of a term index. */
  private static long mix(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
