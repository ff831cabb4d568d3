package io.textcluster.cluster;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Exact DBSCAN (Ester et al. 1996, as scikit-learn defines it) on a driver-side sample: a point is core when at least
 * {@code minSamples} points, itself included, lie within {@code eps}; clusters are the core points connected through
 * neighbourhoods plus the non-core points within eps of one of them (the first cluster that reaches a border point
 * keeps it); the rest is noise (-1). Clusters are numbered in the order of their lowest-index core point, so the same
 * sample gives the same ids. Memory O(n): neighbourhoods are recomputed rather than stored (two O(n^2) passes).
 */
final class Dbscan {
  /** @param labels cluster per sample point, -1 noise; @param core whether each point is a core point */
  record Result(int[] labels, boolean[] core, int clusters) {}

  private Dbscan() {}

  static Result fit(DriverSample sample, double eps, int minSamples) {
    int n = sample.size();
    boolean[] core = new boolean[n];
    IntStream.range(0, n).parallel().forEach(i -> {
      int neighbours = 0;
      for (int j = 0; j < n && neighbours < minSamples; j++) {
        if (sample.distance(i, j) <= eps) {
          neighbours++;
        }
      }
      core[i] = neighbours >= minSamples;
    });
    int[] labels = new int[n];
    Arrays.fill(labels, -1);
    int clusters = 0;
    ArrayDeque<Integer> frontier = new ArrayDeque<>();
    for (int start = 0; start < n; start++) {
      if (!core[start] || labels[start] >= 0) {
        continue;
      }
      int id = clusters++;
      labels[start] = id;
      frontier.add(start);
      while (!frontier.isEmpty()) {
        int p = frontier.poll();
        for (int q = 0; q < n; q++) {
          if (labels[q] < 0 && sample.distance(p, q) <= eps) {
            labels[q] = id;
            if (core[q]) {
              frontier.add(q);
            }
          }
        }
      }
    }
    return new Result(labels, core, clusters);
  }
}
