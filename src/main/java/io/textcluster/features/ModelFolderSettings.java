package io.textcluster.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.textcluster.config.EmbeddingConfig;
import io.textcluster.config.TextClusterException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * How a model folder says it should be used, the way sentence-transformers reads it: pooling from
 * {@code 1_Pooling/config.json} (multilingual-e5 and paraphrase-multilingual-MiniLM pool by mean, LaBSE and bge-m3 by
 * CLS) and the longest input from {@code sentence_bert_config.json}'s {@code max_seq_length}. A folder without them
 * (a plain transformers export) leaves both to the configuration.
 *
 * @param pooling cls or mean, when the folder names one
 * @param maxSequenceLength the model's own limit on tokens, when the folder names one
 */
record ModelFolderSettings(Optional<String> pooling, OptionalInt maxSequenceLength) {
  /** The shipped models' pooling, as their model cards give it (their jars carry no sentence-transformers files). */
  private static final Map<String, String> SHIPPED_POOLING =
      Map.of("bge-small-en-v1.5-q", EmbeddingConfig.CLS, "all-minilm-l6-v2-q", EmbeddingConfig.MEAN);
  /** Where ONNX exports over 2 GB keep their weights: a second file the single-file broadcast cannot carry. */
  private static final List<String> EXTERNAL_DATA = List.of("model.onnx_data", "model.onnx.data", "model.data");

  static ModelFolderSettings shipped(String name) {
    return new ModelFolderSettings(Optional.ofNullable(SHIPPED_POOLING.get(name)), OptionalInt.empty());
  }

  /** Reads a user's folder (any Hadoop URI); refuses one whose weights live outside model.onnx. */
  static ModelFolderSettings read(String uri, Configuration hadoop) {
    Path root = new Path(uri);
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      for (String external : EXTERNAL_DATA) {
        if (fs.exists(new Path(root, external))) {
          throw new TextClusterException(
              "The model folder " + uri + " (features.embedding.model-path) keeps its weights in " + external
                  + " beside model.onnx (an export over 2 GB); textcluster needs one model.onnx under 2 GB: export "
                  + "it in fp16 (optimum-cli export onnx --dtype fp16 --device cuda) or quantise it (optimum-cli "
                  + "onnxruntime quantize --avx2).");
        }
      }
      Optional<String> pooling = Optional.empty();
      JsonNode poolingConfig = json(fs, new Path(root, "1_Pooling/config.json"));
      if (poolingConfig != null) {
        pooling = Optional.of(pooling(poolingConfig, uri));
      }
      OptionalInt maxLength = OptionalInt.empty();
      JsonNode bertConfig = json(fs, new Path(root, "sentence_bert_config.json"));
      if (bertConfig != null && bertConfig.path("max_seq_length").canConvertToInt()) {
        maxLength = OptionalInt.of(bertConfig.path("max_seq_length").asInt());
      }
      return new ModelFolderSettings(pooling, maxLength);
    } catch (IOException e) {
      throw new TextClusterException(
          "Cannot read the model folder " + uri + " (features.embedding.model-path): " + e.getMessage());
    }
  }

  private static String pooling(JsonNode config, String uri) {
    if (config.path("pooling_mode_cls_token").asBoolean(false)) {
      return EmbeddingConfig.CLS;
    }
    if (config.path("pooling_mode_mean_tokens").asBoolean(false)) {
      return EmbeddingConfig.MEAN;
    }
    throw new TextClusterException(
        "The model folder " + uri + " pools in a way textcluster does not compute (1_Pooling/config.json: " + config
            + "); textcluster pools by cls or mean: set features.embedding.pooling to the one closest to the model.");
  }

  private static JsonNode json(FileSystem fs, Path file) throws IOException {
    if (!fs.exists(file)) {
      return null;
    }
    try (InputStream in = fs.open(file)) {
      return new ObjectMapper().readTree(in);
    }
  }

  /** The pooling to use: the configured one, or with {@code auto} the folder's, else CLS (BERT's own sentence token). */
  String pooling(String configured) {
    return configured.equals(EmbeddingConfig.AUTO) ? pooling.orElse(EmbeddingConfig.CLS) : configured;
  }

  /** The configured limit, never past the model's own (position embeddings past it would fail or mean nothing). */
  int maxSequenceLength(int configured) {
    return Math.min(configured, maxSequenceLength.orElse(configured));
  }
}
