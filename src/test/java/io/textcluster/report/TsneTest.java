package io.textcluster.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TsneTest {
  /** Three topics, each document drawing most of its terms from its own block of 50 terms of a 150-term vocabulary. */
  private static int[][] indices;
  private static double[][] values;
  private static final int PER_TOPIC = 60;

  static {
    SplittableRandom random = new SplittableRandom(7);
    int n = 3 * PER_TOPIC;
    indices = new int[n][];
    values = new double[n][];
    for (int i = 0; i < n; i++) {
      int topic = i / PER_TOPIC;
      java.util.TreeMap<Integer, Double> terms = new java.util.TreeMap<>();
      for (int t = 0; t < 12; t++) {
        int term = random.nextInt(10) < 8 ? topic * 50 + random.nextInt(50) : random.nextInt(150);
        terms.merge(term, 1.0, Double::sum);
      }
      indices[i] = terms.keySet().stream().mapToInt(Integer::intValue).toArray();
      values[i] = terms.values().stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  @Test
  void documentsOfOneTopicEndUpNearEachOther() {
    double[][] y = new Tsne(30, 500, 42).embed(indices, values);
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
    }
    assertTrue(sameTopic >= 0.9 * y.length, sameTopic + " of " + y.length + " nearest map neighbours share a topic");
  }

  @Test
  void sameSeedSameMap() {
    double[][] a = new Tsne(30, 100, 1).embed(indices, values);
    double[][] b = new Tsne(30, 100, 1).embed(indices, values);
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i]);
    }
  }

  @Test
  void rowEntropyMatchesThePerplexity() {
    double[] d = new double[40];
    for (int m = 0; m < d.length; m++) {
      d[m] = 0.1 + 0.02 * m;
    }
    double[] p = Tsne.conditionalProbabilities(d, 10);
    double entropy = 0;
    for (double v : p) {
      entropy -= v > 0 ? v * Math.log(v) : 0;
    }
    assertEquals(Math.log(10), entropy, 1e-3);
  }
}
