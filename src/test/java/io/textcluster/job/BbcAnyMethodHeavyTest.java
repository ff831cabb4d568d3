package io.textcluster.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.JobConfig;
import io.textcluster.support.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22's "no other setting": conf/examples/bbc_news.conf (raw TF-IDF, 2,225 articles) with only
 * cluster.algorithm changed runs to the end for hdbscan, dbscan and agglomerative, which reduce the features
 * themselves (cluster.reduction = auto: LSA) and say so; the run reports V-measure. Also outlier reduction and
 * reduce-to on the same corpus. Whole corpus, several runs: tagged heavy. Run with:
 * mvn -o test -Dtest=BbcAnyMethodHeavyTest -Dtest.groups.excluded=none
 */
@Tag("heavy")
@SparkTest
class BbcAnyMethodHeavyTest {
  private final SparkSession spark;
  @TempDir Path lake;

  BbcAnyMethodHeavyTest(SparkSession spark) {
    this.spark = spark;
  }

  private Map<String, Double> run(String runId, Map<String, String> overrides, StringBuilder consoleOut) {
    Map<String, String> settings = new HashMap<>(overrides);
    settings.put("output.path", lake.toString());
    settings.put("report.enabled", "false");
    JobConfig config = JobConfig.load(Path.of("conf", "examples", "bbc_news.conf"), settings);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    TextClusteringJob.run(spark, config, runId, new PrintStream(console, true, StandardCharsets.UTF_8));
    consoleOut.append(console.toString(StandardCharsets.UTF_8));
    Row row = spark.read().format("delta").load(lake.resolve("runs").toString())
        .filter(col("run_id").equalTo(runId)).first();
    return row.getJavaMap(row.fieldIndex("metrics"));
  }

  @ParameterizedTest
  @CsvSource({
      "hdbscan, cluster.algorithm, hdbscan",
      "dbscan, cluster.algorithm, dbscan",
      "agglomerative, cluster.algorithm, agglomerative",
      "hdbscan-nearest, cluster.density.noise, nearest",
      "reduce-20-to-5, cluster.reduce-to, 5",
      "kmeans-5, cluster.k, 5"})
  void bbcNewsRuns(String runId, String key, String value) {
    Map<String, String> settings = new HashMap<>(Map.of(key, value));
    if (runId.startsWith("hdbscan-")) {
      settings.put("cluster.algorithm", "hdbscan");
    }
    if (runId.startsWith("reduce-")) {
      settings.put("cluster.k", "20");
    }
    StringBuilder console = new StringBuilder();
    Map<String, Double> metrics = run(runId, settings, console);
    String report = "[heavy] bbc " + runId + " metrics " + metrics + "\n[heavy] bbc " + runId + " console\n" + console;
    System.out.println(report);
    // Also kept in a file: the figures go into the issue note.
    try {
      java.nio.file.Files.writeString(Path.of("target", "heavy-bbc-any-method.txt"), report + "\n",
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertTrue(metrics.containsKey("v_measure"), metrics.toString());
    if (!runId.startsWith("kmeans") && !runId.startsWith("reduce")) {
      assertEquals(50.0, metrics.get("reduced_dimensions"), 0.0, metrics.toString());
      assertTrue(console.toString().contains("LSA to 50"), console.toString());
    }
    if (runId.startsWith("hdbscan-")) {
      assertTrue(metrics.get("noise_share") <= metrics.get("noise_share_before"), metrics.toString());
    }
    if (runId.startsWith("reduce-")) {
      assertEquals(5, spark.read().format("delta").load(lake.resolve("clusters").toString())
          .filter(col("run_id").equalTo(runId)).count());
    }
  }
}
