package io.textcluster.features;

import static io.textcluster.schema.Columns.TOKENS;
import static io.textcluster.schema.Columns.FEATURES;
import io.textcluster.config.EmbeddingConfig;
import io.textcluster.config.TextConfig;
import io.textcluster.text.TextAnalyzer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.SparkSession;

/**
 * The stages of {@code features.type = embedding}: the text analyzer (its tokens name the clusters; they are not the
 * features) and the provider's stages, which turn {@code text} into an L2-normalised {@code features} vector. Every
 * stage is a Spark ML Transformer, so the run's saved PipelineModel embeds new documents the same way.
 */
public final class EmbeddingFeatures {
  static final String PREFIXED = "embedding_text";
  static final String DOCUMENT = "embedding_document";
  static final String ANNOTATIONS = "embedding_annotations";
  static final String FINISHED = "embedding_vectors";
  /** Spark NLP reads this setting when it opens an ONNX session (driver and executors). */
  public static final String ONNX_THREADS = "spark.jsl.settings.onnx.intraOpNumThreads";

  private EmbeddingFeatures() {}

  /**
   * The provider's stages and the identity of what they compute.
   *
   * @param modelId what the embedding cache is keyed by: changes whenever the vectors would
   * @param cacheable whether the cache applies (not to vectors the input already holds)
   */
  public record Embedder(List<Transformer> stages, String modelId, String description, boolean cacheable) {}

  public static TextAnalyzer analyzer(String textCol, TextConfig text) {
    return new TextAnalyzer()
        .setInputCol(textCol)
        .setOutputCol(TOKENS)
        .setLanguage(text.language())
        .setColumnLanguages(text.columnLanguages())
        .setStopwords(text.stopwords())
        .setStemming(text.stemming())
        .setCleanMarkup(text.cleanMarkup())
        .setMaxChars(text.maxChars());
  }

  public static Embedder embedder(SparkSession spark, String textCol, EmbeddingConfig config) {
    return switch (config.provider()) {
      case EmbeddingConfig.COLUMN -> new Embedder(
          List.of(
              new PrecomputedEmbeddings()
                  .setInputCol(config.column().orElseThrow())
                  .setOutputCol(FEATURES)
                  .setDimension(config.dimension())),
          "column:" + config.column().orElseThrow(),
          "embedding(column=" + config.column().orElseThrow() + ")",
          false);
      case EmbeddingConfig.API -> api(textCol, config);
      default -> onnx(spark, textCol, config);
    };
  }

  private static Embedder api(String textCol, EmbeddingConfig config) {
    EmbeddingConfig.Api api = config.api();
    ApiEmbeddings stage =
        new ApiEmbeddings()
            .setInputCol(textCol)
            .setOutputCol(FEATURES)
            .setBaseUrl(api.baseUrl())
            .setModel(api.model())
            .setKeyEnv(api.keyEnv())
            .setTextsPerRequest(api.textsPerRequest())
            .setConcurrency(api.concurrency())
            .setMaxRetries(api.maxRetries())
            .setTimeoutSeconds(api.timeoutSeconds())
            .setInitialBackoffMillis(api.initialBackoffMillis())
            .setMaxChars(api.maxChars())
            .setPrefix(config.prefix());
    String id = "api:" + api.baseUrl() + "|" + api.model() + "|chars=" + api.maxChars() + "|prefix=" + config.prefix();
    return new Embedder(List.of(stage), id, "embedding(api, " + api.model() + ")", true);
  }

  private static Embedder onnx(SparkSession spark, String textCol, EmbeddingConfig configured) {
    OnnxModelFolder folder =
        configured.modelPath().isPresent()
            ? OnnxModelFolder.userFolder(configured.modelPath().get(), spark.sparkContext().hadoopConfiguration())
            : OnnxModelFolder.shipped(configured.model(), modelCache(configured));
    // Pooling auto and the length limit come from the folder (sentence-transformers' files), so the cache key and the
    // saved stage hold what was computed.
    ModelFolderSettings settings =
        configured.modelPath().isPresent()
            ? ModelFolderSettings.read(configured.modelPath().get(), spark.sparkContext().hadoopConfiguration())
            : ModelFolderSettings.shipped(configured.model());
    EmbeddingConfig config =
        configured.withModelSettings(
            settings.pooling(configured.pooling()), settings.maxSequenceLength(configured.maxSequenceLength()));
    String engine = engine(config, folder);
    String id =
        String.format(
            Locale.ROOT,
            "onnx:%s@sha256=%s|engine=%s|pooling=%s|max-len=%d|prefix=%s",
            folder.name(),
            folder.sha256(),
            engine,
            config.pooling(),
            config.maxSequenceLength(),
            config.prefix());
    String description =
        String.format(
            Locale.ROOT,
            "embedding(onnx, %s, sha256=%s, %s, pooling=%s)",
            folder.name(),
            folder.sha256().substring(0, 12),
            engine,
            config.pooling());
    List<Transformer> stages =
        engine.equals(EmbeddingConfig.ONNX_RUNTIME)
            ? List.of(
                new OnnxRuntimeEmbeddings()
                    .setInputCol(textCol)
                    .setOutputCol(FEATURES)
                    .setModelFolder(folder.path())
                    .setPooling(config.pooling())
                    .setPrefix(config.prefix())
                    .setMaxLength(config.maxSequenceLength())
                    .setBatchSize(config.batchSize())
                    .setThreads(threads(spark, config)))
            : SparkNlpEmbeddings.stages(spark, textCol, config, folder, threads(spark, config));
    return new Embedder(stages, id, description, true);
  }

  /** The engine {@code auto} resolves to: ONNX Runtime whenever the folder has the model's own tokenizer. */
  static String engine(EmbeddingConfig config, OnnxModelFolder folder) {
    String engine = config.engine();
    if (engine.equals(EmbeddingConfig.AUTO)) {
      return folder.hasTokenizerJson() ? EmbeddingConfig.ONNX_RUNTIME : EmbeddingConfig.SPARK_NLP;
    }
    if (engine.equals(EmbeddingConfig.ONNX_RUNTIME) && !folder.hasTokenizerJson()) {
      throw new io.textcluster.config.TextClusterException(
          "features.embedding.engine = onnxruntime needs the model's HuggingFace tokenizer.json in " + folder.path()
              + "; add it (it comes with every HuggingFace export) or set engine = spark-nlp.");
    }
    return engine;
  }

  private static Path modelCache(EmbeddingConfig config) {
    return Path.of(config.modelCache().orElse(System.getProperty("java.io.tmpdir") + "/textcluster-models"));
  }

  static int threads(SparkSession spark, EmbeddingConfig config) {
    if (config.threads() > 0) {
      return config.threads();
    }
    return Math.max(1, spark.sparkContext().getConf().getInt("spark.task.cpus", 1));
  }
}
