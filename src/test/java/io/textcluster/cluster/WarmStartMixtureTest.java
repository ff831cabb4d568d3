package io.textcluster.cluster;

import static io.textcluster.cluster.WarmStartComparison.compare;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.cluster.WarmStartComparison.Compared;
import io.textcluster.config.ClusterConfig;
import io.textcluster.support.SparkTest;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * cluster.init = previous-run for the Gaussian mixture ({@link MixtureWarmStart}), cold against warm on BBC News
 * ({@link WarmStartComparison}): EM from the earlier clusters reaches at least the cold start's log-likelihood in fewer
 * iterations than the cold start's k-means and EM together, and keeps more of the shared documents in their cluster.
 */
@SparkTest
class WarmStartMixtureTest {
  private final SparkSession spark;

  WarmStartMixtureTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void gaussianMixtureStartsEmFromTheEarlierClusters() {
    Compared c = compare(spark, BbcFeatures.config(ClusterConfig.GMM, 4, 42, "previous-run"));
    Map<String, Double> cold = c.coldMetrics();
    Map<String, Double> warm = c.warmFit().metrics();
    // The cost is the negative log-likelihood; a small tolerance of its size (EM can settle a hair apart).
    assertTrue(c.warm().cost() <= c.cold().cost() + 0.001 * Math.abs(c.cold().cost()),
        "warm -log-likelihood " + c.warm().cost() + " vs cold " + c.cold().cost());
    // EM stops on a change in log-likelihood, so it always runs at least 2 iterations: the count is real.
    assertTrue(cold.get("gmm_em_iterations") >= 2 && warm.get("gmm_em_iterations") >= 2, cold + " " + warm);
    assertEquals(0.0, warm.get("gmm_kmeans_iterations"), "a warm start runs no k-means before EM");
    assertEquals(cold.get("gmm_kmeans_iterations") + cold.get("gmm_em_iterations"), c.cold().iterations());
    assertTrue(c.warm().iterations() <= c.cold().iterations(),
        c.warm().iterations() + " warm vs " + c.cold().iterations() + " cold iterations (k-means and EM)");
    assertTrue(c.warmKept() >= c.coldKept(), "warm kept " + c.warmKept() + " vs cold " + c.coldKept());
    assertEquals(4.0, warm.get("warm_start_earlier_centres"));
    assertEquals(c.warm().iterations(), warm.get("warm_start_iterations").intValue());
  }
}
