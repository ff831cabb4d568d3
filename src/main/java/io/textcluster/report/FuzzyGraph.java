package io.textcluster.report;

/**
 * UMAP's fuzzy neighbour graph (McInnes, Healy and Melville 2018, as umap-learn builds it): each point's distances to
 * its k nearest neighbours become memberships exp(-(d - rho) / sigma), rho the distance to the nearest, sigma chosen
 * so the memberships sum to log2(k + 1) (the +1: umap-learn counts the point itself among its neighbours); the two
 * directions of an edge are merged by fuzzy union a + b - ab. Edges too weak to be sampled once in the run are dropped,
 * as umap-learn does. Stored by head point, both directions of every edge, with the number of epochs between two
 * samples of each edge (strongest edge: every epoch).
 */
final class FuzzyGraph {
  private static final int SEARCH_STEPS = 64;
  private static final double TOLERANCE = 1e-5;
  private static final double MIN_SCALE = 1e-3;

  /** Edges of point i: start[i] until start[i + 1], into tail and epochsPerSample. */
  final int[] start;
  final int[] tail;
  final double[] epochsPerSample;

  private FuzzyGraph(int[] start, int[] tail, double[] epochsPerSample) {
    this.start = start;
    this.tail = tail;
    this.epochsPerSample = epochsPerSample;
  }

  int points() {
    return start.length - 1;
  }

  static FuzzyGraph of(NearestNeighbours knn, int epochs) {
    int[][] neighbours = knn.neighbours;
    int n = neighbours.length;
    int k = n == 0 ? 0 : neighbours[0].length;
    double[][] membership = new double[n][k];
    double meanAll = 0;
    for (float[] row : knn.distances) {
      for (float d : row) {
        meanAll += d;
      }
    }
    meanAll /= Math.max(1, (double) n * k);
    double target = Math.log(k + 1) / Math.log(2);
    for (int i = 0; i < n; i++) {
      float[] d = knn.distances[i];
      double rho = 0;
      double mean = 0;
      for (float x : d) {
        mean += x;
        if (rho == 0 && x > 0) {
          rho = x;
        }
      }
      mean /= k;
      double lo = 0;
      double hi = Double.POSITIVE_INFINITY;
      double sigma = 1;
      for (int step = 0; step < SEARCH_STEPS; step++) {
        double sum = 0;
        for (float x : d) {
          sum += x - rho > 0 ? Math.exp(-(x - rho) / sigma) : 1;
        }
        if (Math.abs(sum - target) < TOLERANCE) {
          break;
        }
        if (sum > target) {
          hi = sigma;
          sigma = (lo + hi) / 2;
        } else {
          lo = sigma;
          sigma = hi == Double.POSITIVE_INFINITY ? sigma * 2 : (lo + hi) / 2;
        }
      }
      sigma = Math.max(sigma, MIN_SCALE * (rho > 0 ? mean : meanAll));
      for (int m = 0; m < k; m++) {
        membership[i][m] = d[m] - rho > 0 ? Math.exp(-(d[m] - rho) / sigma) : 1;
      }
    }
    // Fuzzy union, each unordered pair once: from i's list, and from j's list only when i is not in it.
    int[] count = new int[n + 1];
    double[] unionOf = new double[n * k];
    boolean[] keep = new boolean[n * k];
    double max = 0;
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < k; m++) {
        int j = neighbours[i][m];
        int back = indexOf(neighbours[j], i);
        if (back >= 0 && j < i) {
          continue;  // counted from j's list
        }
        double a = membership[i][m];
        double b = back >= 0 ? membership[j][back] : 0;
        double w = a + b - a * b;
        unionOf[i * k + m] = w;
        keep[i * k + m] = true;
        max = Math.max(max, w);
      }
    }
    double floor = max / epochs;
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < k; m++) {
        if (keep[i * k + m] && unionOf[i * k + m] >= floor) {
          count[i + 1]++;
          count[neighbours[i][m] + 1]++;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      count[i + 1] += count[i];
    }
    int[] fill = count.clone();
    int[] tail = new int[count[n]];
    double[] epochsPerSample = new double[count[n]];
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < k; m++) {
        double w = unionOf[i * k + m];
        if (keep[i * k + m] && w >= floor) {
          int j = neighbours[i][m];
          tail[fill[i]] = j;
          epochsPerSample[fill[i]++] = max / w;
          tail[fill[j]] = i;
          epochsPerSample[fill[j]++] = max / w;
        }
      }
    }
    return new FuzzyGraph(count, tail, epochsPerSample);
  }

  private static int indexOf(int[] rows, int row) {
    for (int m = 0; m < rows.length; m++) {
      if (rows[m] == row) {
        return m;
      }
    }
    return -1;
  }
}
