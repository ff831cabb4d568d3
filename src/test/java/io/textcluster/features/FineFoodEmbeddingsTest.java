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
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conf/examples/fine_food_reviews_embeddings.conf on the first 100 reviews: seed 000's template, mean Score kept. */
@SparkTest
class FineFoodEmbeddingsTest {
  private final SparkSession spark;
  @TempDir Path temp;

  FineFoodEmbeddingsTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void clustersCarryMeanScoreAndKeywords() {
    String slice = temp.resolve("reviews").toString();
    spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
        .csv(SharedData.corpus("fine_food_reviews").resolve("fine_food_reviews_1k.csv").toString())
        .withColumn("Score", col("Score").cast("int"))
        .orderBy(col("id").cast("int")).limit(100).write().parquet(slice);
    JobConfig config =
        JobConfig.load(
            Path.of("conf", "examples", "fine_food_reviews_embeddings.conf"),
            Map.of("input.path", slice, "input.format", "parquet", "output.path", temp.resolve("lake").toString(),
                "features.embedding.model-cache", temp.resolve("models").toString(), "cluster.restarts", "1"));
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    TextClusteringJob.run(spark, config, "food", new PrintStream(console, true, StandardCharsets.UTF_8));
    String printed = console.toString(StandardCharsets.UTF_8);
    // The first 100 reviews hold 90 distinct texts (the same review posted for several products): one inference each.
    assertTrue(printed.contains("0 from the embedding cache, 90 texts embedded"), printed);
    List<Row> clusters = spark.read().format("delta").load(temp.resolve("lake/clusters").toString()).collectAsList();
    assertEquals(4, clusters.size());
    for (Row c : clusters) {
      Map<String, Double> means = c.getJavaMap(c.fieldIndex("metadata_means"));
      double score = means.get("Score");
      assertTrue(score >= 1 && score <= 5, "mean Score " + score);
      assertEquals(10, c.getList(c.fieldIndex("keywords")).size());
    }
  }
}
