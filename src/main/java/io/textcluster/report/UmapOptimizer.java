package io.textcluster.report;

import java.util.stream.IntStream;

/**
 * UMAP's layout optimisation (umap-learn's optimize_layout_euclidean: attraction along sampled graph edges, 5 negative
 * samples of repulsion per attraction, learning rate falling linearly from 1 to 0, gradients clipped to [-4, 4]), run on
 * all cores with a result that does not depend on how many there are.
 *
 * <p>umap-learn parallelises Hogwild-style (threads race on shared coordinates), which makes a seed's map differ from
 * run to run. Here each epoch reads the other points where the previous epoch left them and moves only the head point
 * of each edge, so the points can be split over threads freely: every point's edges are handled by one thread, which
 * alone writes that point, and its random negative samples come from a generator seeded by (seed, epoch, point). Both
 * directions of every edge are in the graph, so each end is still pulled towards the other; the attraction is applied
 * twice to make up for the move of the other end that umap-learn makes in the same step.
 */
final class UmapOptimizer {
  /** umap-learn's curve 1 / (1 + a d^(2b)) for min_dist 0.1 and spread 1.0 (its find_ab_params). */
  static final double A = 1.5769434603113077;
  static final double B = 0.8950608779109733;
  private static final int NEGATIVE_SAMPLES = 5;
  private static final double CLIP = 4;
  private static final int BLOCK = 128;

  private final long seed;

  UmapOptimizer(long seed) {
    this.seed = seed;
  }

  /** Moves {@code xy} (x of point i at 2i, y at 2i + 1) in place over {@code epochs} epochs of {@code graph}. */
  void optimise(FuzzyGraph graph, double[] xy, int epochs) {
    int n = graph.points();
    int edges = graph.tail.length;
    double[] nextSample = graph.epochsPerSample.clone();
    double[] perNegative = new double[edges];
    for (int e = 0; e < edges; e++) {
      perNegative[e] = graph.epochsPerSample[e] / NEGATIVE_SAMPLES;
    }
    double[] nextNegative = perNegative.clone();
    double[] previous = new double[xy.length];
    int blocks = (n + BLOCK - 1) / BLOCK;
    for (int epoch = 0; epoch < epochs; epoch++) {
      System.arraycopy(xy, 0, previous, 0, xy.length);
      double alpha = 1.0 - (double) epoch / epochs;
      int current = epoch;
      IntStream.range(0, blocks).parallel().forEach(block -> {
        for (int i = block * BLOCK; i < Math.min(n, (block + 1) * BLOCK); i++) {
          movePoint(graph, i, current, alpha, xy, previous, nextSample, perNegative, nextNegative);
        }
      });
    }
  }

  private void movePoint(FuzzyGraph graph, int i, int epoch, double alpha, double[] xy, double[] previous,
      double[] nextSample, double[] perNegative, double[] nextNegative) {
    int n = graph.points();
    double x = xy[2 * i];
    double y = xy[2 * i + 1];
    long state = mix(seed ^ mix(epoch * 0x9E3779B97F4A7C15L + i));
    for (int e = graph.start[i]; e < graph.start[i + 1]; e++) {
      if (nextSample[e] > epoch) {
        continue;
      }
      int j = graph.tail[e];
      double dx = x - previous[2 * j];
      double dy = y - previous[2 * j + 1];
      double d2 = dx * dx + dy * dy;
      if (d2 > 0) {
        double pow = CurvePower.pow(d2, B);
        double coefficient = -2.0 * A * B * pow / d2 / (A * pow + 1.0);
        x += 2 * clip(coefficient * dx) * alpha;
        y += 2 * clip(coefficient * dy) * alpha;
      }
      nextSample[e] += graph.epochsPerSample[e];
      int negatives = (int) ((epoch - nextNegative[e]) / perNegative[e]);
      // The negative samples of one step all push from where the point is now and their pushes are added after:
      // independent computations the CPU overlaps, where applying each before the next made one long chain of
      // dependent divisions and powers per step.
      double pushX = 0;
      double pushY = 0;
      for (int s = 0; s < negatives; s++) {
        state += 0x9E3779B97F4A7C15L;
        int k = (int) (((mix(state) >>> 33) * n) >>> 31);
        if (k == i) {
          continue;
        }
        dx = x - previous[2 * k];
        dy = y - previous[2 * k + 1];
        d2 = dx * dx + dy * dy;
        if (d2 > 0) {
          double coefficient = 2.0 * B / ((0.001 + d2) * (A * CurvePower.pow(d2, B) + 1));
          pushX += clip(coefficient * dx);
          pushY += clip(coefficient * dy);
        } else {
          // Two points on the same spot: push this one away along the diagonal, as umap-learn does.
          pushX += CLIP;
          pushY += CLIP;
        }
      }
      x += pushX * alpha;
      y += pushY * alpha;
      nextNegative[e] += negatives * perNegative[e];
    }
    xy[2 * i] = x;
    xy[2 * i + 1] = y;
  }

  private static double clip(double v) {
    return v > CLIP ? CLIP : v < -CLIP ? -CLIP : v;
  }

  /** SplitMix64's finaliser. */
  static long mix(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
