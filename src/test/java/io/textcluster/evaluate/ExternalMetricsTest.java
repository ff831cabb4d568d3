package io.textcluster.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected values are scikit-learn 1.2's for the same label vectors (quoted in each test). */
class ExternalMetricsTest {
  private static final double EPS = 1e-9;

  /** Contingency counts[label][cluster] from two label vectors. */
  static long[][] contingency(int[] truth, int[] predicted) {
    int labels = java.util.Arrays.stream(truth).max().orElse(0) + 1;
    int clusters = java.util.Arrays.stream(predicted).max().orElse(0) + 1;
    long[][] counts = new long[labels][clusters];
    for (int i = 0; i < truth.length; i++) {
      counts[truth[i]][predicted[i]]++;
    }
    return counts;
  }

  @Test
  void splitClusterKeepsHomogeneity() {
    // adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714285714285715; homogeneity 1.0; completeness 0.6666666666666666;
    // v_measure 0.8; normalized_mutual_info_score 0.8
    Map<String, Double> m = ExternalMetrics.compute(contingency(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}));
    assertEquals(0.5714285714285715, m.get("adjusted_rand_index"), EPS);
    assertEquals(1.0, m.get("homogeneity"), EPS);
    assertEquals(0.6666666666666666, m.get("completeness"), EPS);
    assertEquals(0.8, m.get("v_measure"), EPS);
    assertEquals(0.8, m.get("normalized_mutual_info"), EPS);
  }

  @Test
  void sklearnDocumentationExample() {
    // adjusted_rand_score([0,0,0,1,1,1],[0,0,1,1,2,2]) = 0.24242424242424246
    Map<String, Double> m =
        ExternalMetrics.compute(contingency(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 0, 1, 1, 2, 2}));
    assertEquals(0.24242424242424246, m.get("adjusted_rand_index"), EPS);
    // homogeneity_score([0,0,0,1,1,1],[0,0,1,1,2,2]) = 0.6666666666666669 (mutual info ln2*2/3 over H(C) = ln 2)
    assertEquals(0.6666666666666669, m.get("homogeneity"), EPS);
  }

  @Test
  void independentPartitions() {
    // v_measure_score([0,0,1,1],[0,1,0,1]) = 0.0 ; adjusted_rand_score = -0.5
    Map<String, Double> m = ExternalMetrics.compute(contingency(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}));
    assertEquals(0.0, m.get("v_measure"), EPS);
    assertEquals(-0.5, m.get("adjusted_rand_index"), EPS);
    assertEquals(0.0, m.get("normalized_mutual_info"), EPS);
  }

  @Test
  void perfectAgreementUpToRenaming() {
    Map<String, Double> m =
        ExternalMetrics.compute(contingency(new int[] {0, 0, 1, 1, 2}, new int[] {2, 2, 0, 0, 1}));
    m.values().forEach(v -> assertEquals(1.0, v, EPS));
  }
}
