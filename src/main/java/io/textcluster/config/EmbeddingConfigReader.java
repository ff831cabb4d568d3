package io.textcluster.config;

import java.util.Optional;

/** Reads and checks the {@code features.embedding.*} keys; provider-specific requirements only when they apply. */
final class EmbeddingConfigReader {
  private EmbeddingConfigReader() {}

  /** Spark NLP is in its own jar, not the cluster jar: an explicit spark-nlp engine is checked before Spark starts. */
  private static boolean sparkNlpOnClasspath() {
    try {
      Class.forName("com.johnsnowlabs.nlp.DocumentAssembler", false, EmbeddingConfigReader.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  static EmbeddingConfig read(TypedConfig c, boolean used) {
    String provider =
        c.oneOf("features.embedding.provider", EmbeddingConfig.ONNX, EmbeddingConfig.API, EmbeddingConfig.COLUMN);
    Optional<String> column = c.optionalString("features.embedding.column.name");
    EmbeddingConfig.Api api =
        new EmbeddingConfig.Api(
            c.optionalString("features.embedding.api.base-url").orElse(""),
            c.optionalString("features.embedding.api.model").orElse(""),
            c.optionalString("features.embedding.api.key-env").orElse(""),
            c.intAtLeast("features.embedding.api.texts-per-request", 1),
            c.intAtLeast("features.embedding.api.concurrency", 1),
            c.intAtLeast("features.embedding.api.max-retries", 0),
            c.intAtLeast("features.embedding.api.timeout-seconds", 1),
            c.intAtLeast("features.embedding.api.initial-backoff-ms", 1),
            c.intAtLeast("features.embedding.api.max-chars", 1));
    if (used && provider.equals(EmbeddingConfig.COLUMN) && column.isEmpty()) {
      throw new InvalidConfigException(
          "features.embedding.provider = column needs 'features.embedding.column.name': the input column holding "
              + "each document's vector (array of numbers, ML vector, or a \"[0.1, -0.2, ...]\" string).");
    }
    if (used && provider.equals(EmbeddingConfig.API) && (api.baseUrl().isEmpty() || api.model().isEmpty())) {
      throw new InvalidConfigException(
          "features.embedding.provider = api needs 'features.embedding.api.base-url' (e.g. "
              + "\"https://api.openai.com/v1\") and 'features.embedding.api.model' (e.g. \"text-embedding-3-small\").");
    }
    String engine =
        c.oneOf(
            "features.embedding.engine", EmbeddingConfig.AUTO, EmbeddingConfig.ONNX_RUNTIME, EmbeddingConfig.SPARK_NLP);
    if (used && provider.equals(EmbeddingConfig.ONNX) && engine.equals(EmbeddingConfig.SPARK_NLP)
        && !sparkNlpOnClasspath()) {
      throw new InvalidConfigException(
          "features.embedding.engine = spark-nlp needs Spark NLP, which is not on the classpath: pass "
              + "target/textcluster-spark-nlp.jar with spark-submit --jars (submit/local.sh adds it), install "
              + "com.johnsnowlabs.nlp:spark-nlp_2.12:5.5.3 on the cluster, or set features.embedding.engine = "
              + "onnxruntime.");
    }
    String prefix = c.optionalString("features.embedding.prefix").orElse("");
    return new EmbeddingConfig(
        provider,
        engine,
        c.string("features.embedding.model"),
        c.optionalString("features.embedding.model-path"),
        c.oneOf("features.embedding.pooling", EmbeddingConfig.AUTO, EmbeddingConfig.CLS, EmbeddingConfig.MEAN),
        // HOCON values are trimmed on read, so the separator is ours: "passage:" embeds "passage: <text>".
        prefix.isEmpty() ? "" : prefix + " ",
        c.intAtLeast("features.embedding.max-sequence-length", 8),
        c.intAtLeast("features.embedding.batch-size", 1),
        c.intAtLeast("features.embedding.threads", 0),
        c.optionalString("features.embedding.model-cache"),
        c.bool("features.embedding.cache.enabled"),
        c.optionalString("features.embedding.cache.path"),
        column,
        c.intAtLeast("features.embedding.column.dimension", 0),
        api);
  }
}
