package io.textcluster.features;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.JobConfig;
import io.textcluster.job.TextClusteringJob;
import io.textcluster.support.SharedData;
import io.textcluster.support.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding example config end to end on a slice of AG News: the first run embeds every text, a re-run embeds
 * none (all cache hits, visible in the runs table), a grown corpus embeds only its new texts.
 */
@SparkTest
class EmbeddingCacheTest {
  private final SparkSession spark;
  @TempDir Path temp;

  EmbeddingCacheTest(SparkSession spark) {
    this.spark = spark;
  }

  private String slice(int rows) {
    String path = temp.resolve("ag_news_" + rows).toString();
    spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
        .csv(SharedData.corpus("ag_news").resolve("ag_news_test.csv").toString())
        .orderBy(col("id").cast("int")).limit(rows)
        .write().parquet(path);
    return path;
  }

  private Row run(String input, String runId) {
    Map<String, String> settings = new HashMap<>();
    settings.put("input.path", input);
    settings.put("input.format", "parquet");
    settings.put("output.path", temp.resolve("lake").toString());
    settings.put("features.embedding.model-cache", temp.resolve("models").toString());
    settings.put("cluster.restarts", "1");
    JobConfig config = JobConfig.load(Path.of("conf", "examples", "ag_news_embeddings.conf"), settings);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    TextClusteringJob.run(spark, config, runId, new PrintStream(console, true, StandardCharsets.UTF_8));
    return spark.read().format("delta").load(temp.resolve("lake/runs").toString())
        .filter(col("run_id").equalTo(runId)).first();
  }

  private static double metric(Row run, String name) {
    Map<String, Double> metrics = run.getJavaMap(run.fieldIndex("metrics"));
    assertTrue(metrics.containsKey(name), "runs.metrics has no " + name + ": " + metrics);
    return metrics.get(name);
  }

  @Test
  void reRunsEmbedNothingAndGrownCorporaEmbedOnlyNewTexts() {
    String small = slice(120);
    Row first = run(small, "first");
    assertEquals("succeeded", first.getAs("status"));
    assertEquals(120L, (long) first.<Long>getAs("documents"));
    assertEquals(0.0, metric(first, "embedding_cache_hits"));
    assertEquals(120.0, metric(first, "embedding_texts_embedded"));
    assertTrue(first.<String>getAs("features").startsWith("embedding(onnx, bge-small-en-v1.5-q, sha256="));

    Row second = run(small, "second");
    assertEquals(120.0, metric(second, "embedding_cache_hits"));
    assertEquals(0.0, metric(second, "embedding_texts_embedded"));
    Map<String, Double> firstStages = first.getJavaMap(first.fieldIndex("stage_seconds"));
    Map<String, Double> secondStages = second.getJavaMap(second.fieldIndex("stage_seconds"));
    assertTrue(
        secondStages.get("features") < firstStages.get("features"),
        "features stage: first run " + firstStages.get("features") + " s, re-run " + secondStages.get("features") + " s");

    Row grown = run(slice(150), "grown");
    assertEquals(120.0, metric(grown, "embedding_cache_hits"));
    assertEquals(30.0, metric(grown, "embedding_texts_embedded"));
    assertEquals(150L, spark.read().format("delta").load(temp.resolve("lake/embedding_cache").toString()).count());

    // The same documents get the same clusters from cached vectors as from fresh ones.
    Dataset<Row> assignments = spark.read().format("delta").load(temp.resolve("lake/assignments").toString());
    long differ =
        assignments.filter(col("run_id").equalTo("first")).select(col("doc_id"), col("cluster_id").as("a"))
            .join(assignments.filter(col("run_id").equalTo("second")).select(col("doc_id"), col("cluster_id").as("b")),
                "doc_id")
            .filter(col("a").notEqual(col("b"))).count();
    assertEquals(0, differ);

    // The saved run embeds new documents itself (no cache needed) and assigns them as the run did.
    PipelineModel model = PipelineModel.load(temp.resolve("lake/models/second").toString());
    Dataset<Row> docs =
        spark.read().parquet(small).selectExpr("CAST(id AS STRING) AS doc_id", "concat_ws('. ', trim(title), trim(body)) AS text");
    long disagree =
        model.transform(docs).select("doc_id", "cluster_id")
            .join(assignments.filter(col("run_id").equalTo("second")).select(col("doc_id"), col("cluster_id").as("b")),
                "doc_id")
            .filter(col("cluster_id").notEqual(col("b"))).count();
    assertTrue(disagree <= 2, disagree + " of 120 documents changed cluster when re-embedded by the saved model");
  }
}
