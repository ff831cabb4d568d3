package io.textcluster.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Agreement between clusters and ground-truth labels, from their contingency table alone (k x L counts, never n
 * rows). Formulas follow scikit-learn's sklearn.metrics.cluster so figures compare one to one: natural logarithms,
 * NMI with the arithmetic mean of the entropies, V-measure with beta = 1.
 */
public final class ExternalMetrics {
  private ExternalMetrics() {}

  /**
   * @param contingency counts[label][cluster]
   * @return adjusted_rand_index, normalized_mutual_info, homogeneity, completeness, v_measure,
   *     adjusted_mutual_info, purity, matched_accuracy
   */
  public static Map<String, Double> compute(long[][] contingency) {
    int labels = contingency.length;
    int clusters = labels == 0 ? 0 : contingency[0].length;
    long[] labelTotals = new long[labels];
    long[] clusterTotals = new long[clusters];
    long n = 0;
    for (int i = 0; i < labels; i++) {
      for (int j = 0; j < clusters; j++) {
        labelTotals[i] += contingency[i][j];
        clusterTotals[j] += contingency[i][j];
        n += contingency[i][j];
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("adjusted_rand_index", adjustedRand(contingency, labelTotals, clusterTotals, n));
    double labelEntropy = entropy(labelTotals, n);
    double clusterEntropy = entropy(clusterTotals, n);
    double mutualInfo = mutualInformation(contingency, labelTotals, clusterTotals, n);
    // sklearn: a single class or a single cluster makes the corresponding score 1 by convention.
    double homogeneity = labelEntropy == 0 ? 1.0 : mutualInfo / labelEntropy;
    double completeness = clusterEntropy == 0 ? 1.0 : mutualInfo / clusterEntropy;
    double vMeasure =
        homogeneity + completeness == 0 ? 0.0 : 2 * homogeneity * completeness / (homogeneity + completeness);
    double nmi;
    if (labelEntropy == 0 && clusterEntropy == 0 || labels == 1 && clusters == 1) {
      nmi = 1.0;
    } else {
      double mean = (labelEntropy + clusterEntropy) / 2;
      nmi = mean <= 0 ? 0.0 : mutualInfo / Math.max(mean, Math.ulp(1.0));
    }
    metrics.put("normalized_mutual_info", nmi);
    metrics.put("homogeneity", homogeneity);
    metrics.put("completeness", completeness);
    metrics.put("v_measure", vMeasure);
    metrics.put("adjusted_mutual_info", adjustedMutualInfo(labelTotals, clusterTotals, n, mutualInfo,
        labelEntropy, clusterEntropy));
    metrics.put("purity", purity(contingency, n));
    metrics.put("matched_accuracy", matchedAccuracy(contingency, n));
    return metrics;
  }

  /** sklearn's adjusted_mutual_info_score with average_method = "arithmetic" (its default). */
  static double adjustedMutualInfo(
      long[] labelTotals, long[] clusterTotals, long n, double mutualInfo, double labelEntropy,
      double clusterEntropy) {
    long classes = java.util.Arrays.stream(labelTotals).filter(t -> t > 0).count();
    long clusters = java.util.Arrays.stream(clusterTotals).filter(t -> t > 0).count();
    if (classes == clusters && (classes == 1 || classes == 0)) {
      return 1.0;
    }
    double emi = ExpectedMutualInformation.of(labelTotals, clusterTotals, n);
    double denominator = (labelEntropy + clusterEntropy) / 2 - emi;
    // sklearn keeps the denominator's sign but never lets it reach zero.
    denominator = denominator < 0 ? Math.min(denominator, -Math.ulp(1.0)) : Math.max(denominator, Math.ulp(1.0));
    return (mutualInfo - emi) / denominator;
  }

  /** Share of documents whose label is their cluster's most frequent label. */
  static double purity(long[][] contingency, long n) {
    int clusters = contingency.length == 0 ? 0 : contingency[0].length;
    long majority = 0;
    for (int j = 0; j < clusters; j++) {
      long best = 0;
      for (long[] row : contingency) {
        best = Math.max(best, row[j]);
      }
      majority += best;
    }
    return n == 0 ? 0.0 : (double) majority / n;
  }

  /**
   * Accuracy after matching each label to at most one cluster so that the most documents agree (Hungarian
   * algorithm, as seed 004's label matching); documents in unmatched clusters or of unmatched labels count as wrong.
   */
  static double matchedAccuracy(long[][] contingency, long n) {
    double[][] gain = new double[contingency.length][];
    for (int i = 0; i < contingency.length; i++) {
      gain[i] = java.util.Arrays.stream(contingency[i]).asDoubleStream().toArray();
    }
    int[] match = HungarianMatching.maximumTotal(gain);
    long agreeing = 0;
    for (int i = 0; i < match.length; i++) {
      if (match[i] >= 0) {
        agreeing += contingency[i][match[i]];
      }
    }
    return n == 0 ? 0.0 : (double) agreeing / n;
  }

  static double adjustedRand(long[][] contingency, long[] labelTotals, long[] clusterTotals, long n) {
    double sumCells = 0;
    for (long[] row : contingency) {
      for (long cell : row) {
        sumCells += pairs(cell);
      }
    }
    double sumLabels = 0;
    for (long t : labelTotals) {
      sumLabels += pairs(t);
    }
    double sumClusters = 0;
    for (long t : clusterTotals) {
      sumClusters += pairs(t);
    }
    double expected = sumLabels * sumClusters / pairs(n);
    double max = (sumLabels + sumClusters) / 2;
    // sklearn special cases: perfect agreement on degenerate partitions gives 1.
    if (max == expected) {
      return 1.0;
    }
    return (sumCells - expected) / (max - expected);
  }

  private static double pairs(long count) {
    return count * (count - 1) / 2.0;
  }

  static double entropy(long[] totals, long n) {
    double h = 0;
    for (long t : totals) {
      if (t > 0) {
        double p = (double) t / n;
        h -= p * Math.log(p);
      }
    }
    return h;
  }

  static double mutualInformation(long[][] contingency, long[] labelTotals, long[] clusterTotals, long n) {
    double mi = 0;
    for (int i = 0; i < contingency.length; i++) {
      for (int j = 0; j < contingency[i].length; j++) {
        long cell = contingency[i][j];
        if (cell > 0) {
          mi += (double) cell / n * Math.log((double) cell * n / ((double) labelTotals[i] * clusterTotals[j]));
        }
      }
    }
    return Math.max(mi, 0.0);
  }
}
