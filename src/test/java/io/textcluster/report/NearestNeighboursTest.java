package io.textcluster.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NearestNeighboursTest {
  @Test
  void sameNeighboursAsComparingEveryPair() {
    SplittableRandom random = new SplittableRandom(11);
    int n = 300;
    int[][] indices = new int[n][];
    double[][] values = new double[n][];
    for (int i = 0; i < n; i++) {
      TreeMap<Integer, Double> terms = new TreeMap<>();
      int size = i % 50 == 0 ? 0 : 1 + random.nextInt(20);  // a few empty rows, far from everything
      for (int t = 0; t < size; t++) {
        terms.put(random.nextInt(400) * 1000, 0.1 + random.nextDouble());  // sparse, wide term numbers
      }
      indices[i] = terms.keySet().stream().mapToInt(Integer::intValue).toArray();
      values[i] = terms.values().stream().mapToDouble(Double::doubleValue).toArray();
    }
    int k = 7;
    NearestNeighbours knn = NearestNeighbours.of(UnitRows.of(indices, values), k);
    for (int i = 0; i < n; i++) {
      double[] distance = new double[n];
      Integer[] order = new Integer[n];
      for (int o = 0; o < n; o++) {
        distance[o] = o == i ? Double.POSITIVE_INFINITY : Math.max(0, 1 - cosine(indices, values, i, o));
        order[o] = o;
      }
      Arrays.sort(order, (a, b) -> distance[a] != distance[b] ? Double.compare(distance[a], distance[b]) : a - b);
      for (int m = 0; m < k; m++) {
        assertEquals(distance[order[m]], knn.distances[i][m], 1e-5, "row " + i + " neighbour " + m);
        // Equal distances may come in either order within float rounding; the distance is what must match.
        if (m == 0 || Math.abs(distance[order[m]] - distance[order[m - 1]]) > 1e-5) {
          assertEquals(distance[order[m]], 1 - cosine(indices, values, i, knn.neighbours[i][m]), 1e-5);
        }
      }
    }
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7}, knn.neighbours[0], "an empty row: the lowest rows fill in");
  }

  @Test
  void needsMoreRowsThanNeighbours() {
    UnitRows rows = UnitRows.of(new int[][] {{1}, {2}}, new double[][] {{1}, {1}});
    assertThrows(IllegalArgumentException.class, () -> NearestNeighbours.of(rows, 2));
  }

  private static double cosine(int[][] indices, double[][] values, int a, int b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int x = 0; x < indices[a].length; x++) {
      na += values[a][x] * values[a][x];
      for (int y = 0; y < indices[b].length; y++) {
        if (indices[a][x] == indices[b][y]) {
          dot += values[a][x] * values[b][y];
        }
      }
    }
    for (double v : values[b]) {
      nb += v * v;
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
