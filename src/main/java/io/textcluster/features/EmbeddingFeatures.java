package io.textcluster.features;

import com.johnsnowlabs.nlp.DocumentAssembler;
import com.johnsnowlabs.nlp.EmbeddingsFinisher;
import com.johnsnowlabs.nlp.embeddings.BGEEmbeddings;
import io.textcluster.config.EmbeddingConfig;
import io.textcluster.config.TextConfig;
import io.textcluster.text.TextAnalyzer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.SparkSession;

/**
 * The stages of {@code features.type = embedding}: the text analyzer (its tokens name the clusters; they are not the
 * features) and the provider's stages, which turn {@code text} into an L2-normalised {@code features} vector. Every
 * stage is a Spark ML Transformer, so the run's saved PipelineModel embeds new documents the same way.
 */
public final class EmbeddingFeatures {
  public static final String FEATURES = TfidfFeatures.FEATURES;
  public static final String TOKENS = TfidfFeatures.TOKENS;
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

  private static Embedder onnx(SparkSession spark, String textCol, EmbeddingConfig config) {
    OnnxModelFolder folder =
        config.modelPath().isPresent()
            ? OnnxModelFolder.userFolder(config.modelPath().get(), spark.sparkContext().hadoopConfiguration())
            : OnnxModelFolder.shipped(config.model(), modelCache(config));
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
            : sparkNlp(spark, textCol, config, folder);
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

  private static List<Transformer> sparkNlp(
      SparkSession spark, String textCol, EmbeddingConfig config, OnnxModelFolder folder) {
    // Without this, every task's ONNX session starts as many intra-op threads as the machine has cores, and tasks
    // running side by side fight over them: 17.5 documents/s against 47.8 on 2 cores (../shared/STACK.md).
    if (!spark.conf().contains(ONNX_THREADS)) {
      spark.conf().set(ONNX_THREADS, String.valueOf(threads(spark, config)));
    }
    List<Transformer> stages = new ArrayList<>();
    String input = textCol;
    if (!config.prefix().isEmpty()) {
      stages.add(
          new SQLTransformer()
              .setStatement(
                  "SELECT *, concat('" + config.prefix().replace("\\", "\\\\").replace("'", "\\'") + "', `" + textCol
                      + "`) AS " + PREFIXED + " FROM __THIS__"));
      input = PREFIXED;
    }
    DocumentAssembler assembler = new DocumentAssembler();
    assembler.setInputCol(input);
    assembler.setOutputCol(DOCUMENT);
    stages.add(assembler);
    // BGEEmbeddings is Spark NLP's BERT-style sentence encoder: CLS pooling for BGE, mean pooling (useCLSToken off)
    // for MiniLM and E5, which share the WordPiece tokenizer and the model signature.
    BGEEmbeddings embeddings = BGEEmbeddings.loadSavedModel(folder.path(), spark);
    embeddings.setInputCols(new String[] {DOCUMENT});
    embeddings.setOutputCol(ANNOTATIONS);
    embeddings.setUseCLSToken(config.pooling().equals(EmbeddingConfig.CLS));
    embeddings.setMaxSentenceLength(config.maxSequenceLength());
    embeddings.setBatchSize(config.batchSize());
    stages.add(embeddings);
    stages.add(
        new EmbeddingsFinisher()
            .setInputCols(new String[] {ANNOTATIONS})
            .setOutputCols(new String[] {FINISHED})
            .setOutputAsVector(true)
            .setCleanAnnotations(true));
    List<String> drop = new ArrayList<>(List.of(FINISHED));
    if (!config.prefix().isEmpty()) {
      drop.add(PREFIXED);
    }
    stages.add(
        new EmbeddingVector().setInputCol(FINISHED).setOutputCol(FEATURES).setDropCols(drop.toArray(String[]::new)));
    return stages;
  }

  private static Path modelCache(EmbeddingConfig config) {
    return Path.of(config.modelCache().orElse(System.getProperty("java.io.tmpdir") + "/textcluster-models"));
  }

  private static int threads(SparkSession spark, EmbeddingConfig config) {
    if (config.threads() > 0) {
      return config.threads();
    }
    return Math.max(1, spark.sparkContext().getConf().getInt("spark.task.cpus", 1));
  }
}
