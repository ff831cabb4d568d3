package io.textcluster.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class UmapLayoutTest {
  private static final int PER_TOPIC = 80;

  /** Three topics over a 30,000-term vocabulary: most of each document's terms come from its topic's 60 terms. */
  private static Object[] topics(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 3 * PER_TOPIC;
    int[][] indices = new int[n][];
    double[][] values = new double[n][];
    for (int i = 0; i < n; i++) {
      int topic = i / PER_TOPIC;
      TreeMap<Integer, Double> terms = new TreeMap<>();
      for (int t = 0; t < 15; t++) {
        int term = random.nextInt(10) < 8 ? topic * 10_000 + random.nextInt(60) : random.nextInt(30_000);
        terms.merge(term, 1.0, Double::sum);
      }
      indices[i] = terms.keySet().stream().mapToInt(Integer::intValue).toArray();
      values[i] = terms.values().stream().mapToDouble(Double::doubleValue).toArray();
    }
    return new Object[] {indices, values};
  }

  @Test
  void documentsOfOneTopicEndUpNearEachOther() {
    Object[] data = topics(7);
    double[][] y = new UmapLayout(42).embed((int[][]) data[0], (double[][]) data[1]);
    assertEquals(3 * PER_TOPIC, y.length);
    int sameTopic = 0;
    for (int i = 0; i < y.length; i++) {
      int nearest = -1;
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < y.length; j++) {
        double d = Math.hypot(y[i][0] - y[j][0], y[i][1] - y[j][1]);
        if (j != i && d < best) {
          best = d;
          nearest = j;
        }
      }
      sameTopic += nearest / PER_TOPIC == i / PER_TOPIC ? 1 : 0;
      assertTrue(Double.isFinite(y[i][0]) && Double.isFinite(y[i][1]));
    }
    assertTrue(sameTopic >= 0.9 * y.length, sameTopic + " of " + y.length + " nearest map neighbours share a topic");
  }

  @Test
  void sameSeedSameMapOnOneThreadOrAll() throws Exception {
    Object[] data = topics(3);
    double[][] a = new UmapLayout(1).embed((int[][]) data[0], (double[][]) data[1]);
    // Parallel streams run in the pool that calls them: a one-thread pool does every block itself.
    ForkJoinPool single = new ForkJoinPool(1);
    try {
      double[][] b = single.submit(() -> new UmapLayout(1).embed((int[][]) data[0], (double[][]) data[1])).get();
      for (int i = 0; i < a.length; i++) {
        assertArrayEquals(a[i], b[i]);
      }
    } finally {
      single.shutdown();
    }
    double[][] other = new UmapLayout(2).embed((int[][]) data[0], (double[][]) data[1]);
    assertTrue(other[0][0] != a[0][0] || other[0][1] != a[0][1], "the seed matters");
  }

  @Test
  void tinySamplesStillGetDistinctPoints() {
    double[][] y = new UmapLayout(1).embed(new int[][] {{1}, {2}}, new double[][] {{1}, {1}});
    assertEquals(2, y.length);
    assertTrue(y[0][0] != y[1][0]);
  }
}
