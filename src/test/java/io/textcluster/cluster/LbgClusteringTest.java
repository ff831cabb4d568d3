package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.ClusterConfig;
import io.textcluster.support.SparkTest;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Seed 001's claim, tested on BBC News: LBG is at least as tight as random-init k-means and far more stable. */
@SparkTest
class LbgClusteringTest {
  private static final int K = 5;
  private final SparkSession spark;

  LbgClusteringTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> assign(FittedClustering fit, Dataset<Row> data) {
    return fit.model().transform(data).select("doc_id", Columns.CLUSTER_ID).cache();
  }

  @Test
  void lbgIsAsTightAsTheMedianRandomStartAndAgreesWithItselfAcrossSeeds() {
    Dataset<Row> data = BbcFeatures.get(spark);
    List<Double> randomSse = new ArrayList<>();
    List<Dataset<Row>> randomAssignments = new ArrayList<>();
    for (long seed = 1; seed <= 10; seed++) {
      FittedClustering fit =
          FittedClustering.of(KMeansClustering.fit(
              BbcFeatures.config(ClusterConfig.KMEANS, K, seed, "random"), Columns.FEATURES, data));
      randomSse.add(BbcFeatures.withinClusterSse(spark, fit, data, ClusterConfig.COSINE));
      randomAssignments.add(assign(fit, data));
    }
    // Pairs of seeds, as for k-means below: one pair alone is a coin toss (the split directions are random over the
    // term indices, so even a reordered vocabulary gives another pair).
    List<Dataset<Row>> lbgAssignments = new ArrayList<>();
    FittedClustering lbg = null;
    for (long seed = 1; seed <= 6; seed++) {
      FittedClustering fit = FittedClustering.of(LbgClustering.fit(
          BbcFeatures.config(ClusterConfig.LBG, K, seed, "random"), Columns.FEATURES, data));
      lbg = lbg == null ? fit : lbg;
      lbgAssignments.add(assign(fit, data));
    }
    double lbgSse = BbcFeatures.withinClusterSse(spark, lbg, data, ClusterConfig.COSINE);
    List<Double> sorted = new ArrayList<>(randomSse);
    sorted.sort(Double::compare);
    double median = (sorted.get(4) + sorted.get(5)) / 2;
    double lbgAgreement = 0;
    for (int i = 0; i + 1 < lbgAssignments.size(); i += 2) {
      lbgAgreement += BbcFeatures.agreement(lbgAssignments.get(i), lbgAssignments.get(i + 1));
    }
    lbgAgreement /= lbgAssignments.size() / 2;
    double randomAgreement = 0;
    for (int i = 0; i + 1 < randomAssignments.size(); i += 2) {
      randomAgreement += BbcFeatures.agreement(randomAssignments.get(i), randomAssignments.get(i + 1));
    }
    randomAgreement /= randomAssignments.size() / 2;
    System.out.printf(
        "LBG SSE %.4f, random-init k-means SSE median %.4f (min %.4f, max %.4f); ARI between seeds: LBG %.4f "
            + "(mean of 3 pairs), random-init k-means %.4f (mean of 5 pairs)%n",
        lbgSse, median, sorted.get(0), sorted.get(9), lbgAgreement, randomAgreement);
    assertTrue(lbgSse <= median, "LBG SSE " + lbgSse + " above the random-start median " + median);
    assertTrue(lbgAgreement > randomAgreement,
        "LBG ARI between seeds " + lbgAgreement + " not above random-init k-means' " + randomAgreement);
  }

  @Test
  void theSplitTreeGivesEveryLaterClusterAParentAndAnUnevenKSplitsTheWorstClusters() {
    Dataset<Row> data = BbcFeatures.get(spark);
    FittedClustering fit =
        FittedClustering.of(LbgClustering.fit(
            BbcFeatures.config(ClusterConfig.LBG, 3, 7, "random"), Columns.FEATURES, data));
    assertEquals(3, fit.centres().length);
    // 1 -> 2 (cluster 1 splits off 0) -> 3 (the more distorted of 0 and 1 splits off cluster 2).
    assertEquals(0, fit.parents().get(1));
    assertTrue(fit.parents().get(2) == 0 || fit.parents().get(2) == 1, "parents " + fit.parents());
    assertEquals(2, fit.parents().size());
    assertEquals(3L, fit.model().transform(data).select(Columns.CLUSTER_ID).distinct().count());
  }

  @Test
  void splittingNudgesACentreBothWaysByEpsilonOfItsNorm() {
    double[] centre = {3, 4};
    double[][] halves = LbgClustering.split(centre, 0.1, new java.util.Random(1));
    for (int i = 0; i < 2; i++) {
      assertEquals(centre[i], (halves[0][i] + halves[1][i]) / 2, 1e-12);
    }
    double dx = halves[0][0] - centre[0];
    double dy = halves[0][1] - centre[1];
    assertEquals(0.1 * 5, Math.sqrt(dx * dx + dy * dy), 1e-9);
  }
}
