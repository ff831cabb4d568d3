package io.textcluster.cluster;

import io.textcluster.config.ClusterConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Exact hierarchical agglomerative clustering of a driver-side sample, as scikit-learn's AgglomerativeClustering and
 * SciPy's linkage define it: the nearest-neighbour-chain algorithm (O(n^2) time, n^2 distances in memory) with
 * Lance-Williams updates for ward, average, complete and single linkage. All four are reducible, so the chain finds
 * exactly the merges of the naive algorithm; sorted by height, the first n - k merges give the k clusters. Ward works
 * on squared euclidean distances (on unit vectors when the run's distance is cosine); the others on the run's distance.
 */
final class AgglomerativeLinkage {
  private AgglomerativeLinkage() {}

  private record Merge(int a, int b, double height, int order) {}

  /** Labels 0..k-1 per sample point, numbered in the order of each cluster's lowest-index point. */
  static int[] fit(DriverSample sample, String linkage, int k) {
    int n = sample.size();
    if (k > n) {
      throw new IllegalArgumentException("cannot cut " + n + " points into " + k + " clusters");
    }
    boolean ward = linkage.equals(ClusterConfig.Agglomerative.WARD);
    double[][] d = new double[n][n];
    java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          double distance = ward ? DriverSample.distance(sample.points[i], sample.points[j], false)
              : sample.distance(i, j);
          d[i][j] = ward ? distance * distance : distance;
        }
      }
    });
    int[] size = new int[n];
    Arrays.fill(size, 1);
    boolean[] active = new boolean[n];
    Arrays.fill(active, true);
    List<Merge> merges = new ArrayList<>(n - 1);
    int[] chain = new int[n];
    int length = 0;
    for (int remaining = n; remaining > 1; remaining--) {
      if (length == 0) {
        int first = 0;
        while (!active[first]) {
          first++;
        }
        chain[length++] = first;
      }
      int a;
      int b;
      while (true) {
        a = chain[length - 1];
        int previous = length > 1 ? chain[length - 2] : -1;
        // Prefer the previous chain element on ties: that is what guarantees termination.
        b = previous;
        double best = previous >= 0 ? d[a][previous] : Double.POSITIVE_INFINITY;
        for (int c = 0; c < n; c++) {
          if (active[c] && c != a && d[a][c] < best) {
            best = d[a][c];
            b = c;
          }
        }
        if (b == previous) {
          break;
        }
        chain[length++] = b;
      }
      length -= 2;
      double height = d[a][b];
      // Merge b into the lower index so the surviving row is deterministic.
      int keep = Math.min(a, b);
      int gone = Math.max(a, b);
      merges.add(new Merge(keep, gone, height, merges.size()));
      for (int c = 0; c < n; c++) {
        if (active[c] && c != keep && c != gone) {
          double updated = update(linkage, d[keep][c], d[gone][c], height, size[keep], size[gone], size[c]);
          d[keep][c] = updated;
          d[c][keep] = updated;
        }
      }
      active[gone] = false;
      size[keep] += size[gone];
      // The chain may still hold `keep` or `gone` only at its end, which was just removed.
    }
    merges.sort(Comparator.comparingDouble(Merge::height).thenComparingInt(Merge::order));
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int m = 0; m < n - k; m++) {
      union(parent, merges.get(m).a(), merges.get(m).b());
    }
    int[] labels = new int[n];
    int[] idOfRoot = new int[n];
    Arrays.fill(idOfRoot, -1);
    int next = 0;
    for (int i = 0; i < n; i++) {
      int root = find(parent, i);
      if (idOfRoot[root] < 0) {
        idOfRoot[root] = next++;
      }
      labels[i] = idOfRoot[root];
    }
    return labels;
  }

  /** Lance-Williams: the distance from cluster c to the union of i and j. */
  private static double update(String linkage, double ic, double jc, double ij, int ni, int nj, int nc) {
    switch (linkage) {
      case ClusterConfig.Agglomerative.WARD:
        return ((ni + nc) * ic + (nj + nc) * jc - nc * ij) / (ni + nj + nc);
      case ClusterConfig.Agglomerative.AVERAGE:
        return (ni * ic + nj * jc) / (ni + nj);
      case ClusterConfig.Agglomerative.COMPLETE:
        return Math.max(ic, jc);
      case ClusterConfig.Agglomerative.SINGLE:
        return Math.min(ic, jc);
      default:
        throw new IllegalArgumentException("unknown linkage " + linkage);
    }
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
