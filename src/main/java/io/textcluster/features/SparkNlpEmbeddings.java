package io.textcluster.features;

import static io.textcluster.features.EmbeddingFeatures.ANNOTATIONS;
import static io.textcluster.features.EmbeddingFeatures.DOCUMENT;
import static io.textcluster.schema.Columns.FEATURES;
import static io.textcluster.features.EmbeddingFeatures.FINISHED;
import static io.textcluster.features.EmbeddingFeatures.ONNX_THREADS;
import static io.textcluster.features.EmbeddingFeatures.PREFIXED;

import com.johnsnowlabs.nlp.DocumentAssembler;
import com.johnsnowlabs.nlp.EmbeddingsFinisher;
import com.johnsnowlabs.nlp.embeddings.BGEEmbeddings;
import io.textcluster.config.EmbeddingConfig;
import io.textcluster.config.TextClusterException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.SparkSession;

/**
 * The stages of {@code features.embedding.engine = spark-nlp}. Spark NLP is not inside the cluster jar (it and what it
 * drags in would double its size and clash with runtimes' own copies); it comes in its own jar,
 * {@code target/textcluster-spark-nlp.jar}, or as a library the cluster installs. This class is the only one that
 * names Spark NLP's classes, so the other engines never load them.
 */
final class SparkNlpEmbeddings {
  static final String PROBE_CLASS = "com.johnsnowlabs.nlp.DocumentAssembler";

  private SparkNlpEmbeddings() {}

  /** Fails with what to add when Spark NLP is missing, before any of its classes is touched. */
  static void requireOnClasspath() {
    try {
      Class.forName(PROBE_CLASS, false, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new TextClusterException(
          "features.embedding.engine = spark-nlp needs Spark NLP, which is not on the classpath: pass "
              + "target/textcluster-spark-nlp.jar with spark-submit --jars (submit/local.sh adds it), install "
              + "com.johnsnowlabs.nlp:spark-nlp_2.12:5.5.3 on the cluster, or set features.embedding.engine = "
              + "onnxruntime.");
    }
  }

  static List<Transformer> stages(
      SparkSession spark, String textCol, EmbeddingConfig config, OnnxModelFolder folder, int threads) {
    requireOnClasspath();
    // Without this, every task's ONNX session starts as many intra-op threads as the machine has cores, and tasks
    // running side by side fight over them: 17.5 documents/s against 47.8 on 2 cores (../shared/STACK.md).
    if (!spark.conf().contains(ONNX_THREADS)) {
      spark.conf().set(ONNX_THREADS, String.valueOf(threads));
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
}
