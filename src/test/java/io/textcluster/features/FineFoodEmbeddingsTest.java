package io.textcluster.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Encoders;
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
                "features.embedding.model-cache", temp.resolve("models").toString(), "cluster.restarts", "1",
                // Spark NLP's ONNX engine: the path this test covers (OnnxEmbeddingsTest covers onnxruntime).
                "features.embedding.engine", "spark-nlp"));
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    TextClusteringJob.run(spark, config, "food", new PrintStream(console, true, StandardCharsets.UTF_8));
    String printed = console.toString(StandardCharsets.UTF_8);
    // The first 100 reviews hold 90 distinct texts (the same review posted for several products): one inference each.
    assertTrue(printed.contains("0 from the embedding cache, 90 texts embedded"), printed);
    List<Row> clusters = spark.read().format("delta").load(temp.resolve("lake/clusters").toString()).collectAsList();
    // cluster.k = 4; k-means may leave a cluster empty on so few texts, so at least two and at most four.
    assertTrue(clusters.size() >= 2 && clusters.size() <= 4, clusters.size() + " clusters");
    for (Row c : clusters) {
      Map<String, Double> means = c.getJavaMap(c.fieldIndex("metadata_means"));
      double score = means.get("Score");
      assertTrue(score >= 1 && score <= 5, "mean Score " + score);
      assertEquals(10, c.getList(c.fieldIndex("keywords")).size());
    }
    assertVocabularyLabels(slice, clusters);
  }

  /**
   * Seed 002's labels in an embedding run: 10 per cluster, each an analysed term of the corpus (the saved model's
   * text analysis gives them). Which clusters k-means finds among 90 texts embedded by an int8 model depends on the
   * CPU's int8 kernels (an AMD EPYC with AVX-512 puts the template words first), so only what holds on any machine is
   * asserted: coffee, the corpus's largest topic, is among some cluster's top keywords, some cluster's labels overlap
   * its keywords, and the labels tell clusters apart (they are the terms nearest each centre, not one list for all).
   */
  private void assertVocabularyLabels(String slice, List<Row> clusters) {
    Transformer analyzer = PipelineModel.load(temp.resolve("lake/models/food").toString()).stages()[0];
    Set<String> terms =
        new HashSet<>(
            analyzer
                .transform(spark.read().parquet(slice).select(
                    col("id").as("doc_id"),
                    concat(lit("Title: "), col("Summary"), lit("; Content: "), col("Text")).as("text")))
                .select(explode(col("tokens")))
                .as(Encoders.STRING())
                .collectAsList());
    Map<String, List<String>> labelsByKeywords = new java.util.TreeMap<>();
    for (Row c : clusters) {
      List<String> labels =
          c.<Row>getList(c.fieldIndex("vocabulary_labels")).stream().map(r -> r.<String>getAs("term")).toList();
      List<String> keywords =
          c.<Row>getList(c.fieldIndex("keywords")).stream().map(r -> r.<String>getAs("term")).toList();
      assertEquals(10, labels.size(), "labels of cluster " + keywords);
      assertTrue(terms.containsAll(labels), labels + " are analysed terms of the corpus");
      labelsByKeywords.put(String.join(" ", keywords), labels);
    }
    assertTrue(labelsByKeywords.keySet().stream().anyMatch(k -> List.of(k.split(" ")).contains("coffee")),
        "no cluster has coffee among its top keywords: " + labelsByKeywords.keySet());
    // The labels are the terms nearest a cluster's centre, so some cluster shares a label with its own top keywords;
    // whether "coffee" itself is among them turns on float rounding in the fit (it was on one build, not the next).
    assertTrue(labelsByKeywords.entrySet().stream()
            .anyMatch(e -> e.getValue().stream().anyMatch(List.of(e.getKey().split(" "))::contains)),
        "no cluster's labels share a term with its keywords: " + labelsByKeywords);
    assertTrue(new HashSet<>(labelsByKeywords.values()).size() > 1, "every cluster has the same labels: "
        + labelsByKeywords);
  }
}
