package io.textcluster.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.EmbeddingConfig;
import io.textcluster.config.JobConfig;
import io.textcluster.support.SharedData;
import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped model through Spark NLP gives ONNX Runtime's own vectors; the stages save and load with a pipeline. */
@SparkTest
class OnnxEmbeddingsTest {
  private static final int TEXTS = 200;
  private final SparkSession spark;
  @TempDir Path temp;

  OnnxEmbeddingsTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> agNews(int n) {
    return spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
        .csv(SharedData.corpus("ag_news").resolve("ag_news_test.csv").toString())
        .selectExpr("CAST(id AS STRING) AS doc_id", "concat_ws('. ', trim(title), trim(body)) AS text")
        .orderBy("doc_id").limit(n);
  }

  private EmbeddingConfig config() {
    return JobConfig.fromConfig(
            com.typesafe.config.ConfigFactory.parseMap(
                Map.of(
                    "input.path", "x.csv",
                    "input.text-columns", List.of("text"),
                    "features.type", "embedding",
                    "features.embedding.model-cache", temp.resolve("models").toString())),
            temp)
        .features()
        .embedding();
  }

  @Test
  void vectorsEqualOnnxRuntimeOnTheSameTexts() throws Exception {
    EmbeddingFeatures.Embedder embedder = EmbeddingFeatures.embedder(spark, "text", config());
    assertTrue(embedder.modelId().startsWith("onnx:bge-small-en-v1.5-q@sha256="), embedder.modelId());
    PipelineModel model = new PipelineModel("test", embedder.stages().toArray(Transformer[]::new));
    List<Row> rows = model.transform(agNews(TEXTS)).select("text", "features").orderBy("doc_id").collectAsList();
    assertEquals(TEXTS, rows.size());
    List<String> texts = rows.stream().map(r -> r.getString(0)).toList();
    List<float[]> direct;
    try (DirectOnnxEmbedder onnx = new DirectOnnxEmbedder("bge-small-en-v1.5-q", 2)) {
      direct = onnx.embed(texts, 16);
    }
    double worst = 1;
    for (int i = 0; i < TEXTS; i++) {
      Vector ours = rows.get(i).getAs(1);
      assertEquals(384, ours.size());
      assertEquals(1.0, org.apache.spark.ml.linalg.Vectors.norm(ours, 2), 1e-6);
      double dot = 0;
      for (int j = 0; j < 384; j++) {
        dot += ours.apply(j) * direct.get(i)[j];
      }
      worst = Math.min(worst, dot);
    }
    assertTrue(worst >= 0.9999, "lowest cosine between Spark NLP and ONNX Runtime: " + worst);
  }

  @Test
  void savedPipelineEmbedsTheSameAfterLoading() throws Exception {
    EmbeddingFeatures.Embedder embedder = EmbeddingFeatures.embedder(spark, "text", config());
    PipelineModel model = new PipelineModel("test", embedder.stages().toArray(Transformer[]::new));
    String path = temp.resolve("model").toString();
    model.write().overwrite().save(path);
    Dataset<Row> texts = agNews(20);
    List<Row> before = model.transform(texts).select("features").orderBy("doc_id").collectAsList();
    List<Row> after = PipelineModel.load(path).transform(texts).select("features").orderBy("doc_id").collectAsList();
    for (int i = 0; i < before.size(); i++) {
      Vector a = before.get(i).getAs(0);
      Vector b = after.get(i).getAs(0);
      assertEquals(0.0, org.apache.spark.ml.linalg.Vectors.sqdist(a, b), 1e-10);
    }
  }

  @Test
  void shippedModelIsUnpackedOnceAndReused() {
    Path cache = temp.resolve("unpack");
    OnnxModelFolder first = OnnxModelFolder.shipped("bge-small-en-v1.5-q", cache);
    OnnxModelFolder second = OnnxModelFolder.shipped("bge-small-en-v1.5-q", cache);
    assertEquals(first, second);
    assertEquals(64, first.sha256().length());
    assertTrue(java.nio.file.Files.exists(cache.resolve("bge-small-en-v1.5-q/assets/vocab.txt")));
  }
}
