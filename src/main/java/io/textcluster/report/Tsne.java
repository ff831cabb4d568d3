package io.textcluster.report;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * t-SNE (van der Maaten and Hinton 2008) for the map's sample, on the driver. Input affinities use the 3 x perplexity
 * nearest neighbours of each point (as Barnes-Hut t-SNE does), so memory is O(n k); the repulsive forces are exact,
 * O(n^2) per iteration, which is why the sample is bounded (report.map-points). Distances are cosine distances, the
 * measure the clusters were built with. Optimisation follows the reference implementation: early exaggeration 12 for
 * 250 iterations, momentum 0.5 then 0.8, per-coordinate gains, learning rate max(n / 12, 50) (Belkina et al. 2019).
 */
public final class Tsne {
  private static final double EXAGGERATION = 12.0;
  private static final int EXAGGERATION_ITERATIONS = 250;

  private final double perplexity;
  private final int iterations;
  private final long seed;

  public Tsne(double perplexity, int iterations, long seed) {
    this.perplexity = perplexity;
    this.iterations = iterations;
    this.seed = seed;
  }

  /**
   * Embeds points given as sparse rows (sorted indices, values) in 2-D; returns n x 2 coordinates. Fewer than 3 points
   * cannot be arranged meaningfully and are placed on a line.
   */
  public double[][] embed(int[][] indices, double[][] values) {
    int n = indices.length;
    double[][] y = new double[n][2];
    if (n < 4) {
      for (int i = 0; i < n; i++) {
        y[i][0] = i;
      }
      return y;
    }
    double[] norms = new double[n];
    for (int i = 0; i < n; i++) {
      norms[i] = Math.sqrt(dot(indices[i], values[i], indices[i], values[i]));
    }
    double perp = Math.min(perplexity, (n - 1) / 3.0);
    int k = Math.min(n - 1, (int) Math.ceil(3 * perp));
    int[][] neighbours = new int[n][k];
    double[][] p = new double[n][k];
    double[] distances = new double[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double cos = norms[i] == 0 || norms[j] == 0 ? 0 : dot(indices[i], values[i], indices[j], values[j])
            / (norms[i] * norms[j]);
        distances[j] = j == i ? Double.POSITIVE_INFINITY : Math.max(0, 1 - cos);
        order[j] = j;
      }
      final double[] dist = distances;
      Arrays.sort(order, (a, b) -> Double.compare(dist[a], dist[b]));
      double[] d = new double[k];
      for (int m = 0; m < k; m++) {
        neighbours[i][m] = order[m];
        d[m] = dist[order[m]];
      }
      p[i] = conditionalProbabilities(d, perp);
    }
    double[][] pSym = symmetrise(neighbours, p, n);
    optimise(neighbours, pSym, y);
    return y;
  }

  /** Binary search on the Gaussian's precision so that the row's entropy matches log(perplexity). */
  static double[] conditionalProbabilities(double[] d, double perplexity) {
    double target = Math.log(perplexity);
    double beta = 1;
    double lo = 0;
    double hi = Double.POSITIVE_INFINITY;
    double[] row = new double[d.length];
    double min = d.length == 0 ? 0 : d[0];
    for (int step = 0; step < 100; step++) {
      double sum = 0;
      double weighted = 0;
      for (int m = 0; m < d.length; m++) {
        // Shifted by the nearest distance: same distribution, no underflow when beta is large.
        row[m] = Math.exp(-beta * (d[m] - min));
        sum += row[m];
        weighted += row[m] * (d[m] - min);
      }
      double entropy = Math.log(sum) + beta * weighted / sum;
      for (int m = 0; m < d.length; m++) {
        row[m] /= sum;
      }
      if (Math.abs(entropy - target) < 1e-5) {
        break;
      }
      if (entropy > target) {
        lo = beta;
        beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
      } else {
        hi = beta;
        beta = (beta + lo) / 2;
      }
    }
    return row;
  }

  /** p_ij = (p_j|i + p_i|j) / 2n, kept on the union of both neighbour lists (stored on row i's list only). */
  private static double[][] symmetrise(int[][] neighbours, double[][] p, int n) {
    java.util.List<java.util.Map<Integer, Double>> rows = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(new java.util.HashMap<>());
    }
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < neighbours[i].length; m++) {
        int j = neighbours[i][m];
        double v = p[i][m] / (2.0 * n);
        rows.get(i).merge(j, v, Double::sum);
        rows.get(j).merge(i, v, Double::sum);
      }
    }
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      int[] js = rows.get(i).keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
      neighbours[i] = js;
      out[i] = new double[js.length];
      for (int m = 0; m < js.length; m++) {
        out[i][m] = rows.get(i).get(js[m]);
      }
    }
    return out;
  }

  private void optimise(int[][] neighbours, double[][] p, double[][] y) {
    int n = y.length;
    SplittableRandom random = new SplittableRandom(seed);
    for (double[] point : y) {
      point[0] = 1e-4 * gaussian(random);
      point[1] = 1e-4 * gaussian(random);
    }
    double rate = Math.max(n / EXAGGERATION, 50);
    double[][] velocity = new double[n][2];
    double[][] gains = new double[n][2];
    for (double[] g : gains) {
      Arrays.fill(g, 1.0);
    }
    double[][] gradient = new double[n][2];
    for (int iteration = 0; iteration < iterations; iteration++) {
      boolean early = iteration < EXAGGERATION_ITERATIONS;
      double exaggeration = early ? EXAGGERATION : 1.0;
      double momentum = early ? 0.5 : 0.8;
      for (double[] g : gradient) {
        g[0] = 0;
        g[1] = 0;
      }
      // Repulsion: every pair, with q_ij's normaliser Z accumulated on the way.
      double z = 0;
      for (int i = 0; i < n; i++) {
        double yi0 = y[i][0];
        double yi1 = y[i][1];
        double g0 = 0;
        double g1 = 0;
        for (int j = i + 1; j < n; j++) {
          double d0 = yi0 - y[j][0];
          double d1 = yi1 - y[j][1];
          double w = 1.0 / (1.0 + d0 * d0 + d1 * d1);
          z += 2 * w;
          double w2 = w * w;
          g0 -= w2 * d0;
          g1 -= w2 * d1;
          gradient[j][0] += w2 * d0;
          gradient[j][1] += w2 * d1;
        }
        gradient[i][0] += g0;
        gradient[i][1] += g1;
      }
      for (int i = 0; i < n; i++) {
        gradient[i][0] /= z;
        gradient[i][1] /= z;
      }
      // Attraction on the neighbour graph.
      for (int i = 0; i < n; i++) {
        for (int m = 0; m < neighbours[i].length; m++) {
          int j = neighbours[i][m];
          double d0 = y[i][0] - y[j][0];
          double d1 = y[i][1] - y[j][1];
          double w = exaggeration * p[i][m] / (1.0 + d0 * d0 + d1 * d1);
          gradient[i][0] += w * d0;
          gradient[i][1] += w * d1;
        }
      }
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < 2; c++) {
          double g = 4 * gradient[i][c];
          gains[i][c] = Math.signum(g) != Math.signum(velocity[i][c]) ? gains[i][c] + 0.2 : gains[i][c] * 0.8;
          gains[i][c] = Math.max(gains[i][c], 0.01);
          velocity[i][c] = momentum * velocity[i][c] - rate * gains[i][c] * g;
          y[i][c] += velocity[i][c];
        }
      }
    }
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  static double dot(int[] ai, double[] av, int[] bi, double[] bv) {
    double s = 0;
    int a = 0;
    int b = 0;
    while (a < ai.length && b < bi.length) {
      if (ai[a] == bi[b]) {
        s += av[a++] * bv[b++];
      } else if (ai[a] < bi[b]) {
        a++;
      } else {
        b++;
      }
    }
    return s;
  }
}
