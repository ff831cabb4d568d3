package io.textcluster.nightly;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.textcluster.config.JobConfig;
import io.textcluster.job.PredictionJob;
import io.textcluster.job.TextClusteringJob;
import io.textcluster.lineage.ClusterLineage;
import io.textcluster.support.SharedData;
import io.textcluster.support.SparkTest;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A night's re-fit and predict on the fine-food reviews with their Time column: a fit on 80% writes novelty columns,
 * thresholds and trends; a re-fit on everything, warm-started from it, writes cluster_lineage and says so; a
 * predict of the held-out fifth with the first model reports its novel share and extends the trends.
 */
@SparkTest
@Tag("heavy")
class NightlyRunTest {
  private final SparkSession spark;
  @TempDir Path dir;

  NightlyRunTest(SparkSession spark) {
    this.spark = spark;
  }

  private JobConfig config(Path input, Path lake, Map<String, String> extra) {
    String hocon =
        "input { path = \"" + input + "\", format = parquet, id-column = id, text-columns = [Summary, Text], "
            + "time-column = Time }\n"
            + "text { language = english, clean-markup = true }\n"
            + "features.tfidf.min-doc-freq = 3\n"
            + "cluster { k = 4, restarts = 1, max-iterations = 20, novelty-quantile = 0.9 }\n"
            + "trends { period = day, emerging = 1 }\n"
            + "describe { representatives = 1, samples = 0, vocabulary-labels = 0 }\n"
            + "evaluate.silhouette = false\n"
            + "report.enabled = false\n"
            + "output.path = \"" + lake + "\"\n";
    return JobConfig.fromConfig(ConfigFactory.parseMap(extra).withFallback(ConfigFactory.parseString(hocon)), null);
  }

  private Dataset<Row> table(Path lake, String name, String runId) {
    return spark.read().format("delta").load(lake.resolve(name).toString()).where(col("run_id").equalTo(runId));
  }

  @Test
  void refitAndPredictWriteNoveltyLineageAndTrends() {
    Path all = dir.resolve("all.parquet");
    Path earlier = dir.resolve("earlier.parquet");
    Path later = dir.resolve("later.parquet");
    spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
        .csv(SharedData.corpus("fine_food_reviews").resolve("fine_food_reviews_1k.csv").toString())
        .coalesce(1).write().parquet(all.toString());
    spark.read().parquet(all.toString()).where("pmod(hash(id), 5) <> 0").coalesce(1).write().parquet(earlier.toString());
    spark.read().parquet(all.toString()).where("pmod(hash(id), 5) = 0").coalesce(1).write().parquet(later.toString());
    Path lake = dir.resolve("lake");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);

    TextClusteringJob.run(spark, config(earlier, lake, Map.of()), "night-1", console);
    Dataset<Row> fitted = table(lake, "assignments", "night-1");
    assertTrue(List.of(fitted.columns()).containsAll(List.of("is_novel", "distance_percentile", "Time")));
    double novel = fitted.where("is_novel").count() / (double) fitted.count();
    assertTrue(novel > 0.03 && novel < 0.2, "about a tenth of the fit lies beyond its 0.9 quantile: " + novel);
    assertEquals(0, table(lake, "clusters", "night-1").where("novelty_threshold IS NULL").count());
    assertSharesSumToOnePerPeriod(table(lake, "cluster_trends", "night-1"), fitted.count());

    TextClusteringJob.run(spark, config(all, lake, Map.of("cluster.match-run", "night-1", "cluster.init", "previous-run")), "night-2", console);
    List<Row> lineage = table(lake, "cluster_lineage", "night-2").collectAsList();
    Map<Integer, Double> shares = new HashMap<>();
    for (Row row : lineage) {
      assertTrue(ClusterLineage.EVENTS.contains(row.<String>getAs("event")));
      assertEquals("night-1", row.getAs("earlier_run_id"));
      if (row.getAs("cluster_id") != null) {
        shares.merge(row.<Integer>getAs("cluster_id"), row.<Double>getAs("share"), Double::sum);
      }
    }
    assertEquals(table(lake, "clusters", "night-2").count(), shares.size(), "every cluster has its lineage");
    shares.values().forEach(s -> assertEquals(1.0, s, 1e-9));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("[textcluster] lineage   against run night-1: "), printed);
    Map<String, Double> metrics = runMetrics(lake, "night-2");
    assertTrue(metrics.get("warm_start_iterations") >= 1, "the re-fit was warm-started: " + metrics);
    assertTrue(printed.contains("warm start from 4 earlier centres"), printed);
    assertEquals(shares.size(), (double) ClusterLineage.EVENTS.stream().filter(e -> !e.equals("died"))
        .mapToDouble(e -> metrics.get("lineage_" + e)).sum(), 1e-9);

    PredictionJob.run(spark, new PredictionJob.Request(lake.toString(), "delta", "night-1", "predict-1",
        Map.of("input.path", later.toString())), console);
    Map<String, Double> predicted = runMetrics(lake, "predict-1");
    double share = predicted.get("novel_share");
    assertTrue(share >= 0 && share <= 1);
    long held = table(lake, "assignments", "predict-1").count();
    assertEquals(share, table(lake, "assignments", "predict-1").where("is_novel").count() / (double) held, 1e-9);
    assertSharesSumToOnePerPeriod(table(lake, "cluster_trends", "predict-1"), held);
  }

  private Map<String, Double> runMetrics(Path lake, String runId) {
    return table(lake, "runs", runId).first().getJavaMap(table(lake, "runs", runId).first().fieldIndex("metrics"));
  }

  private static void assertSharesSumToOnePerPeriod(Dataset<Row> trends, long documents) {
    Map<String, Double> perPeriod = new HashMap<>();
    long counted = 0;
    for (Row row : trends.collectAsList()) {
      perPeriod.merge(row.getAs("period").toString(), row.<Double>getAs("share"), Double::sum);
      counted += row.<Long>getAs("documents");
    }
    assertEquals(documents, counted);
    assertTrue(perPeriod.size() >= 2, perPeriod.toString());
    perPeriod.values().forEach(s -> assertEquals(1.0, s, 1e-9));
  }
}
