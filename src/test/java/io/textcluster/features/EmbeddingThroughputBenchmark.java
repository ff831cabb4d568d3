package io.textcluster.features;

import io.textcluster.config.EmbeddingConfig;
import io.textcluster.config.JobConfig;
import io.textcluster.support.SharedData;
import io.textcluster.support.SparkTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents per second of the Spark embedding path (Spark NLP, the shipped model, local mode) beside ONNX Runtime run
 * directly on the same texts in the same JVM, and their ratio. Run by submit/bench-embeddings.sh; not a CI test.
 */
@Tag("heavy")
@SparkTest
class EmbeddingThroughputBenchmark {
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 2);
  private final SparkSession spark;
  @TempDir Path temp;

  EmbeddingThroughputBenchmark(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void sparkPathBesideOnnxRuntime() throws Exception {
    int docs = Integer.getInteger("bench.docs", 7600);
    int batch = Integer.getInteger("bench.batch", 16);
    Dataset<Row> texts =
        spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
            .csv(SharedData.corpus("ag_news").resolve("ag_news_test.csv").toString())
            .selectExpr("CAST(id AS STRING) AS doc_id", "concat_ws('. ', trim(title), trim(body)) AS text")
            .limit(docs).cache();
    List<String> local = texts.select("text").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    int cores = Runtime.getRuntime().availableProcessors();

    EmbeddingConfig config =
        JobConfig.fromConfig(
                com.typesafe.config.ConfigFactory.parseMap(
                    Map.of("input.path", "x.csv", "input.text-columns", List.of("text"), "features.type", "embedding",
                        "features.embedding.batch-size", batch,
                        "features.embedding.model-cache", temp.resolve("models").toString())),
                temp)
            .features().embedding();
    PipelineModel spark = new PipelineModel("bench",
        EmbeddingFeatures.embedder(this.spark, "text", config).stages().toArray(Transformer[]::new));
    int partitions = this.spark.sparkContext().defaultParallelism();

    // Warm both paths (JIT, ONNX session creation) on the same small slice before timing.
    spark.transform(texts.limit(64).repartition(partitions)).write().format("noop").mode("overwrite").save();
    // Two rounds, alternating, best rate of each: on a shared machine the load changes under a single long timing.
    double direct = 0;
    double ours = 0;
    try (DirectOnnxEmbedder onnx = new DirectOnnxEmbedder("bge-small-en-v1.5-q", cores)) {
      onnx.embed(local.subList(0, Math.min(64, local.size())), batch);
      for (int round = 0; round < ROUNDS; round++) {
        long start = System.nanoTime();
        onnx.embed(local, batch);
        direct = Math.max(direct, local.size() / ((System.nanoTime() - start) / 1e9));
        start = System.nanoTime();
        spark.transform(texts.repartition(partitions)).select("features").write().format("noop").mode("overwrite")
            .save();
        ours = Math.max(ours, local.size() / ((System.nanoTime() - start) / 1e9));
        System.out.printf(Locale.ROOT, "round %d: direct best %.1f, Spark best %.1f documents/s%n", round, direct, ours);
      }
    }
    String report =
        String.format(
            Locale.ROOT,
            "embedding throughput, AG News, %d documents, bge-small-en-v1.5 int8, batch %d, %d cores, best of %d rounds%n"
                + "  ONNX Runtime direct (%d intra-op threads): %.1f documents/s%n"
                + "  Spark path (Spark NLP, local mode, %d partitions, %s = %s): %.1f documents/s%n"
                + "  ratio Spark / direct: %.3f%n",
            local.size(), batch, cores, ROUNDS, cores, direct, partitions, EmbeddingFeatures.ONNX_THREADS,
            this.spark.conf().get(EmbeddingFeatures.ONNX_THREADS), ours, ours / direct);
    System.out.print(report);
    Files.writeString(Path.of("target", "bench-embeddings.txt"), report, StandardCharsets.UTF_8);
    texts.unpersist();
  }
}
