package io.textcluster.features;

import io.textcluster.schema.Columns;
import io.textcluster.config.EmbeddingConfig;
import io.textcluster.config.TextConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The features stage of an embedding run: text analysis (for keywords), then vectors from the embedding cache or the
 * provider. What it ran is reported as metrics for the runs table: cache hits, texts embedded, inference seconds,
 * truncated texts.
 *
 * @param model text analysis + embedding stages, no cache: what the run saves to assign new documents later
 * @param featurized the documents with {@code tokens} and {@code features} (not cached; the job caches it)
 */
public record EmbeddedDocuments(
    PipelineModel model, Dataset<Row> featurized, String description, Map<String, Double> metrics, String summary) {

  public static EmbeddedDocuments embed(
      SparkSession spark,
      Dataset<Row> documents,
      String idCol,
      String textCol,
      TextConfig text,
      EmbeddingConfig config,
      String defaultCachePath) {
    EmbeddingFeatures.Embedder embedder = EmbeddingFeatures.embedder(spark, textCol, config);
    List<Transformer> stages = new ArrayList<>();
    stages.add(EmbeddingFeatures.analyzer(textCol, text));
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (Transformer stage : embedder.stages()) {
      if (stage instanceof PrecomputedEmbeddings column) {
        column.validate(documents, idCol);
      }
      if (stage instanceof ApiEmbeddings api) {
        metrics.put("embedding_texts_truncated", (double) api.truncatedCount(documents));
      }
    }
    stages.addAll(embedder.stages());
    PipelineModel full = new PipelineModel("textcluster-features", stages.toArray(Transformer[]::new));
    Dataset<Row> analysed = stages.get(0).transform(documents);
    if (!embedder.cacheable() || !config.cacheEnabled()) {
      PipelineModel embedding =
          new PipelineModel("textcluster-embedding", embedder.stages().toArray(Transformer[]::new));
      Dataset<Row> featurized = embedding.transform(analysed);
      return new EmbeddedDocuments(
          full, featurized, embedder.description(), metrics, "vectors computed without the embedding cache");
    }
    EmbeddingCache cache = new EmbeddingCache(spark, config.cachePath().orElse(defaultCachePath));
    PipelineModel embedding =
        new PipelineModel("textcluster-embedding", embedder.stages().toArray(Transformer[]::new));
    EmbeddingCache.Result result =
        cache.embed(analysed, textCol, embedder.modelId(), embedding, Columns.FEATURES);
    metrics.put("embedding_cache_hits", (double) result.hits());
    metrics.put("embedding_texts_embedded", (double) result.embedded());
    metrics.put("embedding_inference_seconds", result.inferenceSeconds());
    String summary =
        result.embedded() == 0
            ? String.format(Locale.ROOT, "%,d from the embedding cache, no model inference", result.hits())
            : String.format(
                Locale.ROOT,
                "%,d from the embedding cache, %,d texts embedded in %.1f s (%.1f texts/s)",
                result.hits(),
                result.embedded(),
                result.inferenceSeconds(),
                result.embedded() / Math.max(result.inferenceSeconds(), 1e-9));
    return new EmbeddedDocuments(full, result.featurized(), embedder.description(), metrics, summary);
  }
}
