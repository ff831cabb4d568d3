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
 * Documents per second of the Spark embedding path (the shipped model, local mode, both engines) beside ONNX Runtime
 * run directly on the same texts in the same JVM, and their ratios. Run by submit/bench-embeddings.sh; not a CI test.
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

  private PipelineModel pipeline(int batch, String engine) {
    EmbeddingConfig config =
        JobConfig.fromConfig(
                com.typesafe.config.ConfigFactory.parseMap(
                    Map.of("input.path", "x.csv", "input.text-columns", List.of("text"), "features.type", "embedding",
                        "features.embedding.batch-size", batch, "features.embedding.engine", engine,
                        "features.embedding.model-cache", temp.resolve("models").toString())),
                temp)
            .features().embedding();
    return new PipelineModel(
        "bench-" + engine, EmbeddingFeatures.embedder(this.spark, "text", config).stages().toArray(Transformer[]::new));
  }

  private static double rate(PipelineModel path, Dataset<Row> texts, int partitions, int documents) {
    long start = System.nanoTime();
    path.transform(texts.repartition(partitions)).select("features").write().format("noop").mode("overwrite").save();
    return documents / ((System.nanoTime() - start) / 1e9);
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

    int partitions = this.spark.sparkContext().defaultParallelism();
    PipelineModel onnxRuntime = pipeline(batch, "onnxruntime");
    PipelineModel sparkNlp = pipeline(batch, "spark-nlp");

    // Warm every path (JIT, ONNX session creation, broadcast of the model) on the same small slice before timing.
    for (PipelineModel path : List.of(onnxRuntime, sparkNlp)) {
      path.transform(texts.limit(64).repartition(partitions)).write().format("noop").mode("overwrite").save();
    }
    // Rounds alternate the three, best rate of each: on a shared machine the load changes under a single long timing.
    double direct = 0;
    double directByLength = 0;
    double ours = 0;
    double nlp = 0;
    try (DirectOnnxEmbedder onnx = new DirectOnnxEmbedder("bge-small-en-v1.5-q", cores)) {
      onnx.embed(local.subList(0, Math.min(64, local.size())), batch);
      for (int round = 0; round < ROUNDS; round++) {
        long start = System.nanoTime();
        onnx.embed(local, batch);
        direct = Math.max(direct, local.size() / ((System.nanoTime() - start) / 1e9));
        start = System.nanoTime();
        onnx.embedByLength(local, batch, batch * 8);
        directByLength = Math.max(directByLength, local.size() / ((System.nanoTime() - start) / 1e9));
        ours = Math.max(ours, rate(onnxRuntime, texts, partitions, local.size()));
        nlp = Math.max(nlp, rate(sparkNlp, texts, partitions, local.size()));
        System.out.printf(
            Locale.ROOT,
            "round %d: direct best %.1f, direct by length %.1f, onnxruntime engine best %.1f, spark-nlp engine best %.1f%n",
            round, direct, directByLength, ours, nlp);
      }
    }
    // The ratios are taken against the faster of the two direct runs: the stricter reference.
    double reference = Math.max(direct, directByLength);
    String report =
        String.format(
            Locale.ROOT,
            "embedding throughput, AG News, %d documents, bge-small-en-v1.5 int8, batch %d, %d cores, best of %d rounds%n"
                + "  ONNX Runtime direct (one session, %d intra-op threads), texts in corpus order: %.1f documents/s%n"
                + "  ONNX Runtime direct, each window of %d texts batched by token count: %.1f documents/s%n"
                + "  Spark path, engine onnxruntime (the default; local mode, %d partitions, 1 thread a task, windows of %d"
                + " by token count): %.1f documents/s%n"
                + "  Spark path, engine spark-nlp (Spark NLP BGEEmbeddings, %s = %s): %.1f documents/s%n"
                + "  ratio Spark / the faster direct run: onnxruntime engine %.3f, spark-nlp engine %.3f%n",
            local.size(), batch, cores, ROUNDS, cores, direct, batch * 8, directByLength, partitions, batch * 8, ours,
            EmbeddingFeatures.ONNX_THREADS, this.spark.conf().get(EmbeddingFeatures.ONNX_THREADS), nlp,
            ours / reference, nlp / reference);
    System.out.print(report);
    Files.writeString(Path.of("target", "bench-embeddings.txt"), report, StandardCharsets.UTF_8);
    texts.unpersist();
  }
}
