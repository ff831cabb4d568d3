package io.textcluster.evaluate;

import org.apache.commons.math3.special.Gamma;

/**
 * The mutual information two partitions with the given marginals share by chance (hypergeometric model of
 * Vinh, Epps and Bailey, 2010), which AMI subtracts. Same summation and log-gamma terms as scikit-learn's
 * sklearn.metrics.cluster._expected_mutual_info_fast, so AMI matches it; it needs only the marginals (sizes k and L).
 */
final class ExpectedMutualInformation {
  private ExpectedMutualInformation() {}

  static double of(long[] labelTotals, long[] clusterTotals, long n) {
    long[] a = nonEmpty(labelTotals);
    long[] b = nonEmpty(clusterTotals);
    // One class or one cluster: zero entropy, so no information can be shared by chance.
    if (a.length <= 1 || b.length <= 1) {
      return 0.0;
    }
    double bigN = n;
    double logN = Math.log(bigN);
    double glnNPlus1 = Gamma.logGamma(bigN + 1);
    double emi = 0;
    for (long ai : a) {
      double logA = Math.log(ai);
      double glnA = Gamma.logGamma(ai + 1.0);
      double glnNa = Gamma.logGamma(bigN - ai + 1);
      for (long bj : b) {
        double logB = Math.log(bj);
        double fixed = glnA + Gamma.logGamma(bj + 1.0) + glnNa + Gamma.logGamma(bigN - bj + 1) - glnNPlus1;
        long start = Math.max(1, ai - n + bj);
        long end = Math.min(ai, bj);
        for (long nij = start; nij <= end; nij++) {
          double term2 = logN + Math.log(nij) - logA - logB;
          double gln =
              fixed
                  - Gamma.logGamma(nij + 1.0)
                  - Gamma.logGamma(ai - nij + 1.0)
                  - Gamma.logGamma(bj - nij + 1.0)
                  - Gamma.logGamma(bigN - ai - bj + nij + 1);
          emi += nij / bigN * term2 * Math.exp(gln);
        }
      }
    }
    return emi;
  }

  private static long[] nonEmpty(long[] totals) {
    return java.util.Arrays.stream(totals).filter(t -> t > 0).toArray();
  }
}
