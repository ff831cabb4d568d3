package io.textcluster.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FuzzyGraphTest {
  @Test
  void edgesComeInBothDirectionsWithOneRateAndTheStrongestEveryEpoch() {
    SplittableRandom random = new SplittableRandom(5);
    int n = 200;
    int[][] indices = new int[n][];
    double[][] values = new double[n][];
    for (int i = 0; i < n; i++) {
      indices[i] = new int[] {random.nextInt(30), 30 + random.nextInt(30), 60 + random.nextInt(30)};
      values[i] = new double[] {random.nextDouble(), random.nextDouble(), random.nextDouble()};
      java.util.Arrays.sort(indices[i]);
    }
    NearestNeighbours knn = NearestNeighbours.of(UnitRows.of(indices, values), 14);
    FuzzyGraph graph = FuzzyGraph.of(knn, 200);
    assertEquals(n, graph.points());
    Map<Long, Double> rate = new HashMap<>();
    double fastest = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      assertTrue(graph.start[i + 1] - graph.start[i] >= 1, "every point keeps an edge (its nearest has weight 1)");
      for (int e = graph.start[i]; e < graph.start[i + 1]; e++) {
        int j = graph.tail[e];
        assertTrue(j != i);
        assertTrue(graph.epochsPerSample[e] >= 1 && graph.epochsPerSample[e] <= 200, "" + graph.epochsPerSample[e]);
        assertEquals(null, rate.put((long) i * n + j, graph.epochsPerSample[e]), "edge " + i + "->" + j + " twice");
        fastest = Math.min(fastest, graph.epochsPerSample[e]);
      }
    }
    rate.forEach((key, value) -> assertEquals(value, rate.get((key % n) * n + key / n), "edge " + key + " both ways"));
    assertEquals(1.0, fastest, 1e-12);
  }
}
