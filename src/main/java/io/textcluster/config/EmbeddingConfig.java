package io.textcluster.config;

import java.util.Optional;

/**
 * How documents become embedding vectors when {@code features.type = embedding}.
 *
 * @param provider onnx (a model run by Spark NLP in the executors), api (an OpenAI-compatible endpoint) or column
 *     (vectors already in the input)
 * @param engine for provider onnx: onnxruntime (ONNX Runtime with the model's tokenizer.json), spark-nlp (Spark NLP's
 *     BGEEmbeddings on its ONNX engine, for a folder with only a WordPiece vocab.txt) or auto (onnxruntime when the
 *     folder has a tokenizer.json)
 * @param modelPath a user's ONNX model folder by URI; when empty, the shipped {@code model} is used
 * @param threads ONNX intra-op threads per task; 0 derives it from the executor's cores
 * @param cachePath the embedding cache table; empty means {@code <output.path>/embedding_cache}
 */
public record EmbeddingConfig(
    String provider,
    String engine,
    String model,
    Optional<String> modelPath,
    String pooling,
    String prefix,
    int maxSequenceLength,
    int batchSize,
    int threads,
    Optional<String> modelCache,
    boolean cacheEnabled,
    Optional<String> cachePath,
    Optional<String> column,
    int dimension,
    Api api) {
  public static final String ONNX = "onnx";
  public static final String API = "api";
  public static final String COLUMN = "column";
  public static final String CLS = "cls";
  public static final String MEAN = "mean";
  public static final String AUTO = "auto";
  public static final String ONNX_RUNTIME = "onnxruntime";
  public static final String SPARK_NLP = "spark-nlp";

  /** This configuration with the pooling and length limit resolved for one model folder. */
  public EmbeddingConfig withModelSettings(String resolvedPooling, int resolvedMaxSequenceLength) {
    return new EmbeddingConfig(
        provider, engine, model, modelPath, resolvedPooling, prefix, resolvedMaxSequenceLength, batchSize, threads,
        modelCache, cacheEnabled, cachePath, column, dimension, api);
  }

  /** The OpenAI-compatible endpoint; {@code keyEnv} is the NAME of the environment variable holding the key. */
  public record Api(
      String baseUrl,
      String model,
      String keyEnv,
      int textsPerRequest,
      int concurrency,
      int maxRetries,
      int timeoutSeconds,
      int initialBackoffMillis,
      int maxChars) {}
}
