package io.textcluster.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import io.delta.tables.DeltaTable;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Embeddings kept in a Delta table ({@code model_id}, {@code text_sha256}, {@code vector} as array&lt;float&gt;,
 * {@code created_at}), so a text is embedded once per model: a re-run over the same corpus runs no inference, a grown
 * corpus embeds only its new texts. {@code model_id} carries the SHA-256 of the model file and every setting that
 * changes a vector, so a changed model never reuses stale vectors.
 */
public final class EmbeddingCache {
  public static final String MODEL_ID = "model_id";
  public static final String TEXT_SHA256 = "text_sha256";
  public static final String VECTOR = "vector";
  public static final String CREATED_AT = "created_at";

  private final SparkSession spark;
  private final String path;

  public EmbeddingCache(SparkSession spark, String path) {
    this.spark = spark;
    this.path = path;
  }

  /**
   * @param featurized the documents with {@code featuresCol}: vectors read back from the cache (hits and new ones)
   * @param hits documents whose text was already in the cache
   * @param embedded distinct texts this call embedded (model inference ran only for these)
   */
  public record Result(Dataset<Row> featurized, long hits, long embedded, double inferenceSeconds) {}

  /**
   * Adds {@code featuresCol} to {@code documents}, embedding with {@code embedder} only the texts the cache lacks for
   * {@code modelId}. Documents with the same text share one inference.
   */
  public Result embed(
      Dataset<Row> documents, String textCol, String modelId, PipelineModel embedder, String featuresCol) {
    Dataset<Row> keyed = documents.withColumn(TEXT_SHA256, sha2(col(textCol), 256));
    Dataset<Row> known = cached(modelId);
    Dataset<Row> missing =
        keyed.select(col(TEXT_SHA256), col(textCol)).dropDuplicates(TEXT_SHA256)
            .join(known, onKey(), "left_anti")
            .persist(StorageLevel.MEMORY_AND_DISK());
    long hits = keyed.join(known, onKey(), "left_semi").count();
    long embedded;
    long start = System.nanoTime();
    try {
      embedded = missing.count();
      if (embedded > 0) {
        // One partition per core: each task runs its own model session on its share of the new texts.
        int partitions = Math.max(1, spark.sparkContext().defaultParallelism());
        Dataset<Row> vectors =
            embedder
                .transform(missing.repartition(partitions))
                .select(
                    lit(modelId).as(MODEL_ID),
                    col(TEXT_SHA256),
                    org.apache.spark.ml.functions.vector_to_array(col(featuresCol), "float32").as(VECTOR),
                    current_timestamp().as(CREATED_AT));
        vectors.write().format("delta").mode("append").save(path);
      }
    } finally {
      missing.unpersist();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Dataset<Row> stored = cached(modelId);
    Dataset<Row> featurized =
        keyed
            .join(stored, TEXT_SHA256)
            .withColumn(featuresCol, org.apache.spark.ml.functions.array_to_vector(col(VECTOR)))
            .drop(VECTOR, TEXT_SHA256);
    return new Result(featurized, hits, embedded, seconds);
  }

  private static scala.collection.immutable.Seq<String> onKey() {
    return scala.collection.JavaConverters.asScalaBuffer(java.util.List.of(TEXT_SHA256)).toList();
  }

  /** The vectors of one model; at most one row per text even if two runs raced to add the same text. */
  private Dataset<Row> cached(String modelId) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return spark.emptyDataFrame().selectExpr("CAST(NULL AS STRING) AS " + TEXT_SHA256,
          "CAST(NULL AS ARRAY<FLOAT>) AS " + VECTOR).limit(0);
    }
    return spark.read().format("delta").load(path)
        .filter(col(MODEL_ID).equalTo(modelId))
        .select(TEXT_SHA256, VECTOR)
        .dropDuplicates(TEXT_SHA256);
  }
}
