package io.textcluster.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.JobConfig;
import io.textcluster.support.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each shipped example config, end to end on the real corpus in ../shared/data, checked through the lake tables. */
@SparkTest
class ExampleCorporaTest {
  private static final Pattern SINGLE_KANA = Pattern.compile("^[\\p{IsHiragana}\\p{IsKatakana}ー]$");
  private static final List<String> PARTICLES = List.of("は", "が", "を", "に", "の", "で", "と", "も", "から", "まで");

  private final SparkSession spark;
  @TempDir Path lake;

  ExampleCorporaTest(SparkSession spark) {
    this.spark = spark;
  }

  private RunResult run(String example, String runId, Map<String, String> overrides) {
    Map<String, String> settings = new java.util.HashMap<>(overrides);
    settings.put("output.path", lake.toString());
    // The report has its own browser test (ReportBrowserTest); here it would only add minutes per corpus.
    settings.putIfAbsent("report.enabled", "false");
    JobConfig config = JobConfig.load(Path.of("conf", "examples", example + ".conf"), settings);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    RunResult result =
        TextClusteringJob.run(spark, config, runId, new PrintStream(console, true, StandardCharsets.UTF_8));
    String printed = console.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("Metrics:") && printed.contains("keywords"), printed);
    return result;
  }

  private Dataset<Row> table(String name) {
    return spark.read().format("delta").load(lake.resolve(name).toString());
  }

  private Row runRow(String runId) {
    return table("runs").filter(col("run_id").equalTo(runId)).first();
  }

  private static double metric(Row run, String name) {
    Map<String, Double> metrics = run.getJavaMap(run.fieldIndex("metrics"));
    assertTrue(metrics.containsKey(name), "runs.metrics has no " + name + ": " + metrics);
    return metrics.get(name);
  }

  @Test
  void bbcNewsReachesScikitLearnQualityAndRerunsAreIdempotent() {
    run("bbc_news", "bbc", Map.of());
    Row bbc = runRow("bbc");
    assertEquals("succeeded", bbc.getAs("status"));
    assertEquals(2225L, (long) bbc.<Long>getAs("documents"));
    double vMeasure = metric(bbc, "v_measure");
    double ari = metric(bbc, "adjusted_rand_index");
    assertTrue(vMeasure >= 0.75, "V-measure " + vMeasure);
    assertTrue(ari >= 0.70, "ARI " + ari);
    for (String m : List.of("silhouette_cosine", "within_cluster_sse", "normalized_mutual_info", "homogeneity",
        "completeness")) {
      metric(bbc, m);
    }
    Map<String, Double> stages = bbc.getJavaMap(bbc.fieldIndex("stage_seconds"));
    assertTrue(stages.keySet().containsAll(List.of("read", "features", "cluster", "describe", "evaluate", "write")));

    List<Row> clusters = table("clusters").filter(col("run_id").equalTo("bbc")).collectAsList();
    assertEquals(5, clusters.size());
    for (Row c : clusters) {
      assertEquals(10, c.getList(c.fieldIndex("keywords")).size());
      assertEquals(5, c.getList(c.fieldIndex("representatives")).size());
    }

    long assignments = table("assignments").count();
    long clusterRows = table("clusters").count();
    long runs = table("runs").count();
    run("bbc_news", "bbc", Map.of());
    assertEquals(assignments, table("assignments").count());
    assertEquals(clusterRows, table("clusters").count());
    assertEquals(runs, table("runs").count());

    run("bbc_news", "bbc-k3", Map.of("cluster.k", "3", "cluster.restarts", "1"));
    assertEquals(assignments * 2, table("assignments").count());
    assertEquals(clusterRows + 3, table("clusters").count());
    assertEquals(runs + 1, table("runs").count());
    assertEquals(assignments, table("assignments").filter(col("run_id").equalTo("bbc")).count());
  }

  @Test
  void savedModelAssignsDocumentsToTheSameClusters() {
    run("bbc_news", "model", Map.of("cluster.restarts", "1"));
    PipelineModel model = PipelineModel.load(lake.resolve("models/model").toString());
    Dataset<Row> texts =
        spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
            .csv(Path.of("..", "shared", "data", "bbc_news", "bbc_news.part02.csv").toString())
            .selectExpr("CAST(id AS STRING) AS doc_id", "concat_ws('. ', trim(title), trim(body)) AS text");
    Dataset<Row> predicted = model.transform(texts).select("doc_id", "cluster_id");
    Dataset<Row> stored =
        table("assignments").filter(col("run_id").equalTo("model")).select(col("doc_id"), col("cluster_id").as("stored"));
    long disagreements = predicted.join(stored, "doc_id").filter(col("cluster_id").notEqual(col("stored"))).count();
    assertEquals(418, predicted.join(stored, "doc_id").count());
    assertEquals(0, disagreements);
  }

  @Test
  void livedoorKeywordsAreJapaneseWordsNotKanaOrParticles() {
    run("livedoor", "livedoor", Map.of("cluster.restarts", "2"));
    metric(runRow("livedoor"), "v_measure");
    List<Row> clusters = table("clusters").filter(col("run_id").equalTo("livedoor")).collectAsList();
    assertEquals(9, clusters.size());
    int japanese = 0;
    for (Row c : clusters) {
      for (Row keyword : c.<Row>getList(c.fieldIndex("keywords"))) {
        String term = keyword.getString(0);
        assertFalse(SINGLE_KANA.matcher(term).matches(), "single kana keyword " + term);
        assertFalse(PARTICLES.contains(term), "particle keyword " + term);
        if (term.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
            || Character.UnicodeScript.of(cp) == Character.UnicodeScript.KATAKANA)) {
          japanese++;
        }
      }
    }
    assertTrue(japanese >= 60, "only " + japanese + " of 90 keywords are Japanese words");
  }

  @Test
  void quranPersianTranslationUsesThePersianAnalyzer() {
    run("quran", "quran", Map.of("cluster.restarts", "1"));
    Row run = runRow("quran");
    assertTrue(run.<String>getAs("features").contains("language=persian"));
    assertEquals(6236L, (long) run.<Long>getAs("rows_read"));
    metric(run, "v_measure");
    List<Row> clusters = table("clusters").filter(col("run_id").equalTo("quran")).collectAsList();
    for (Row c : clusters) {
      String top = c.<Row>getList(c.fieldIndex("keywords")).get(0).getString(0);
      assertTrue(top.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC),
          "keyword in Persian script: " + top);
    }
  }

  @Test
  void fineFoodReviewsShowMeanScorePerCluster() {
    run("fine_food_reviews", "food", Map.of());
    List<Row> clusters = table("clusters").filter(col("run_id").equalTo("food")).collectAsList();
    assertEquals(4, clusters.size());
    long total = 0;
    for (Row c : clusters) {
      Map<String, Double> means = c.getJavaMap(c.fieldIndex("metadata_means"));
      double score = means.get("Score");
      assertTrue(score >= 1 && score <= 5, "mean Score " + score);
      total += c.<Long>getAs("size");
    }
    assertEquals(1000, total);
    Dataset<Row> assignments = table("assignments").filter(col("run_id").equalTo("food"));
    assertTrue(List.of(assignments.columns()).containsAll(List.of("Score", "ProductId", "distance")));
  }

  @Test
  void agNewsWithLsaBeatsRawTfidf() {
    run("ag_news", "ag", Map.of("cluster.restarts", "2"));
    Row run = runRow("ag");
    double vMeasure = metric(run, "v_measure");
    // scikit-learn: 0.056 with raw TF-IDF, 0.235 with LSA (../shared/BENCHMARKS.md)
    assertTrue(vMeasure > 0.3, "V-measure " + vMeasure);
    assertTrue(run.<String>getAs("features").contains("lsa=100"));
  }

  @Test
  void aFailedRunLeavesNoRowsAndIsMarkedFailed() {
    run("fine_food_reviews", "ok", Map.of("cluster.restarts", "1"));
    long before = table("assignments").count();
    org.junit.jupiter.api.Assertions.assertThrows(
        io.textcluster.config.TextClusterException.class,
        () -> run("fine_food_reviews", "too-many", Map.of("cluster.k", "5000")));
    assertEquals(before, table("assignments").count());
    assertEquals(0, table("clusters").filter(col("run_id").equalTo("too-many")).count());
    Row failed = runRow("too-many");
    assertEquals("failed", failed.getAs("status"));
    assertTrue(failed.<String>getAs("error").contains("cluster.k"));
  }
}
