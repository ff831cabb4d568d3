package io.textcluster.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.JobConfig;
import io.textcluster.support.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * The new methods through the whole job on conf/examples/digits.conf (1,797 documents, 64 pixels): HDBSCAN fitted on
 * a 1,000-document sample covers every document (a cluster or noise, -1), records noise_share, and the clusters table
 * and report cope with the noise row; a k sweep of agglomerative (ward) clustering writes one sweeps row per k, picks
 * the k of the highest silhouette and runs with it.
 */
@SparkTest
class DensityAndSweepJobTest {
  private static final long DIGITS = 1797;

  private final SparkSession spark;
  @TempDir Path lake;

  DensityAndSweepJobTest(SparkSession spark) {
    this.spark = spark;
  }

  private RunResult run(String runId, Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>(overrides);
    settings.put("output.path", lake.toString());
    settings.put("report.map-points", "300");
    JobConfig config = JobConfig.load(Path.of("conf", "examples", "digits.conf"), settings);
    return TextClusteringJob.run(
        spark, config, runId, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  private Dataset<Row> table(String name, String runId) {
    return spark.read().format("delta").load(lake.resolve(name).toString()).filter(col("run_id").equalTo(runId));
  }

  @Test
  void hdbscanCoversEveryDocumentAndRecordsItsNoiseShare() {
    RunResult result =
        run("digits-hdbscan", Map.of(
            "cluster.algorithm", "hdbscan",
            "cluster.density.sample-size", "1000",
            "cluster.density.min-cluster-size", "20",
            "cluster.density.min-samples", "5"));
    Dataset<Row> assignments = table("assignments", "digits-hdbscan").cache();
    assertEquals(DIGITS, assignments.count());
    assertEquals(0, assignments.filter(col("cluster_id").isNull().or(col("cluster_id").lt(-1))).count());
    long noise = assignments.filter(col("cluster_id").equalTo(-1)).count();
    Map<String, Double> metrics = result.metrics();
    System.out.printf("digits hdbscan stage seconds %s%n",
        table("runs", "digits-hdbscan").first().<Object>getAs("stage_seconds"));
    System.out.printf("digits hdbscan: noise %d of %d, metrics %s%n", noise, DIGITS, metrics);
    assertEquals((double) noise / DIGITS, metrics.get("noise_share"), 1e-12);
    assertTrue(metrics.containsKey("v_measure") && metrics.containsKey("davies_bouldin"), metrics.toString());
    Row run = table("runs", "digits-hdbscan").first();
    assertEquals(metrics.get("noise_share"), run.<scala.collection.Map<String, Double>>getAs("metrics")
        .get("noise_share").get());
    List<Row> clusters = table("clusters", "digits-hdbscan").collectAsList();
    long clustered = clusters.stream().filter(r -> r.<Integer>getAs("cluster_id") >= 0).count();
    assertEquals(metrics.get("density_sample_clusters"), (double) clustered, 0.0);
    if (noise > 0) {
      Row noiseRow = clusters.stream().filter(r -> r.<Integer>getAs("cluster_id") == -1).findFirst().orElseThrow();
      assertEquals("noise", noiseRow.getAs("name"));
      assertEquals(noise, noiseRow.<Long>getAs("size"));
    }
    assertTrue(Files.exists(lake.resolve("reports").resolve("digits-hdbscan.html")));
  }

  @Test
  void aSweepWritesEveryKAndTheRunUsesTheBestSilhouette() {
    RunResult result =
        run("digits-sweep", Map.of(
            "cluster.algorithm", "agglomerative",
            "cluster.agglomerative.sample-size", "600",
            "cluster.sweep.enabled", "true",
            "cluster.sweep.k-from", "8",
            "cluster.sweep.k-to", "10",
            "evaluate.sample-size", "400",
            "report.enabled", "false"));
    System.out.printf("digits sweep stage seconds %s%n",
        table("runs", "digits-sweep").first().<Object>getAs("stage_seconds"));
    List<Row> sweeps = table("sweeps", "digits-sweep").orderBy("k").collectAsList();
    assertEquals(List.of(8, 9, 10), sweeps.stream().map(r -> r.<Integer>getAs("k")).toList());
    Row best = sweeps.stream().max((a, b) -> Double.compare(a.getAs("silhouette"), b.getAs("silhouette"))).get();
    for (Row r : sweeps) {
      System.out.printf("digits agglomerative sweep: %s%n", r);
      assertTrue(r.<Double>getAs("inertia") > 0 && r.<Double>getAs("calinski_harabasz") > 0
          && r.<Double>getAs("davies_bouldin") > 0, r.toString());
      assertEquals(r == best, r.<Boolean>getAs("chosen"), r.toString());
    }
    int chosen = best.getAs("k");
    assertEquals(chosen, result.metrics().get("sweep_chosen_k"), 0.0);
    assertEquals(chosen, table("runs", "digits-sweep").first().<Integer>getAs("k"));
    assertEquals(chosen, table("clusters", "digits-sweep").count());
    assertEquals(DIGITS, table("assignments", "digits-sweep").filter(col("cluster_id").geq(0)).count());
  }
}
