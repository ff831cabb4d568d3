package io.textcluster.cluster;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.JobConfig;
import io.textcluster.job.RunResult;
import io.textcluster.job.TextClusteringJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conf/examples/digits.conf end to end (seed 004: 1,797 handwritten digits, the 64 pixels as features, k = 10), and
 * the job's LBG and GMM outputs (split tree in the clusters table, membership probability in assignments).
 */
@io.textcluster.support.SparkTest
class DigitsExampleTest {
  /**
   * scikit-learn 1.2.1 (Debian python3-sklearn) KMeans(n_clusters=10, n_init=10) on the same 64 raw pixels: mean ARI
   * over random_state 0..9 (range 0.6623 to 0.6716). Produced by src/test/python/digits_kmeans_sklearn.py.
   */
  static final double SCIKIT_LEARN_KMEANS_ARI = 0.6664;

  private final SparkSession spark;
  @TempDir Path lake;

  DigitsExampleTest(SparkSession spark) {
    this.spark = spark;
  }

  private RunResult run(String runId, Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>(overrides);
    settings.put("output.path", lake.toString());
    JobConfig config = JobConfig.load(Path.of("conf", "examples", "digits.conf"), settings);
    return TextClusteringJob.run(
        spark, config, runId, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  private Dataset<Row> table(String name, String runId) {
    return spark.read().format("delta").load(lake.resolve(name).toString()).filter(col("run_id").equalTo(runId));
  }

  @Test
  void kmeansOnThePixelsMatchesScikitLearnAndRerunsGiveIdenticalAssignments() {
    RunResult first = run("digits", Map.of());
    double ari = first.metrics().get("adjusted_rand_index");
    System.out.printf("digits k-means ARI %.4f (scikit-learn %.4f)%n", ari, SCIKIT_LEARN_KMEANS_ARI);
    assertEquals(1797, first.documents());
    assertEquals(SCIKIT_LEARN_KMEANS_ARI, ari, 0.05);

    run("digits-again", Map.of());
    Dataset<Row> a = table("assignments", "digits").select(col("doc_id"), col("cluster_id").as("first"));
    Dataset<Row> b = table("assignments", "digits-again").select("doc_id", "cluster_id");
    assertEquals(1797, a.join(b, "doc_id").count());
    assertEquals(0, a.join(b, "doc_id").filter(col("first").notEqual(col("cluster_id"))).count());
  }

  @Test
  void lbgWritesItsSplitTreeAsParentIds() {
    RunResult result = run("digits-lbg", Map.of("cluster.algorithm", "lbg"));
    System.out.printf("digits LBG ARI %.4f%n", result.metrics().get("adjusted_rand_index"));
    List<Row> clusters = table("clusters", "digits-lbg").collectAsList();
    assertEquals(10, clusters.size());
    long withParent = clusters.stream().filter(r -> !r.isNullAt(r.fieldIndex("parent_cluster_id"))).count();
    // Every split adds one cluster with a parent: 9 splits from 1 centroid to 10 clusters.
    assertEquals(9, withParent);
    for (Row r : clusters) {
      if (!r.isNullAt(r.fieldIndex("parent_cluster_id"))) {
        assertTrue(r.<Integer>getAs("parent_cluster_id") < r.<Integer>getAs("cluster_id"), r.toString());
      }
    }
  }

  /**
   * MLlib's own random start collapsed this to one cluster (ARI 0); started from k-means it separates the digits.
   * scikit-learn's GaussianMixture(10) on the same 20 PCA dimensions: ARI 0.689 to 0.763 over random_state 0..4.
   */
  @Test
  void gmmFindsTheDigitsAndWritesMembershipProbabilitiesThatSumToOne() {
    RunResult result =
        run("digits-gmm", Map.of("cluster.algorithm", "gmm", "cluster.gmm.reduction", "pca", "cluster.gmm.dimensions",
            "20", "cluster.gmm.probabilities", "true"));
    double ari = result.metrics().get("adjusted_rand_index");
    System.out.printf("digits GMM (PCA 20) ARI %.4f%n", ari);
    Dataset<Row> assignments = table("assignments", "digits-gmm");
    assertTrue(assignments.select("cluster_id").distinct().count() > 5, "GMM collapsed to few clusters");
    assertTrue(ari > 0.5, "digits GMM ARI " + ari);
    Row range =
        assignments
            .withColumn("total", org.apache.spark.sql.functions.aggregate(
                col("probabilities"), org.apache.spark.sql.functions.lit(0.0), (acc, p) -> acc.plus(p)))
            .agg(org.apache.spark.sql.functions.min("probability"), org.apache.spark.sql.functions.max("probability"),
                org.apache.spark.sql.functions.count("probability"),
                org.apache.spark.sql.functions.min("total"), org.apache.spark.sql.functions.max("total"))
            .first();
    assertEquals(1797L, range.getLong(2));
    assertTrue(range.getDouble(0) >= 0.1 - 1e-9 && range.getDouble(1) <= 1 + 1e-9, range.toString());
    assertEquals(1.0, range.getDouble(3), 1e-9);
    assertEquals(1.0, range.getDouble(4), 1e-9);
  }
}
