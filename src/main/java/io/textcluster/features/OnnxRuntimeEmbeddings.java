package io.textcluster.features;

import io.textcluster.config.EmbeddingConfig;
import io.textcluster.config.TextClusterException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * Spark ML stage for {@code features.embedding.engine = onnxruntime}: a model folder's {@code model.onnx} run by ONNX
 * Runtime in the executors, tokenised by the model's own {@code tokenizer.json}, {@code batchSize} texts of similar
 * length an ONNX call, CLS or masked-mean pooling, L2-normalised (see {@link SentenceEncoder}). Unlike Spark NLP's annotator it counts no
 * padding in a mean (MiniLM, E5) and any number of models can run in one Spark application. The model files are
 * broadcast once per application and saved inside the stage, so a saved run embeds new documents without the folder.
 */
public class OnnxRuntimeEmbeddings extends TextEmbedder<OnnxRuntimeEmbeddings> implements MLWritable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Broadcast<SentenceEncoder.ModelFiles>> SHIPPED = new ConcurrentHashMap<>();

  private final Param<String> modelFolder;
  private final Param<String> pooling;
  private final Param<String> prefix;
  private final IntParam maxLength;
  private final IntParam batchSize;
  private final IntParam threads;

  public OnnxRuntimeEmbeddings() {
    this(Identifiable.randomUID("onnxRuntimeEmbeddings"));
  }

  public OnnxRuntimeEmbeddings(String uid) {
    super(uid, "text column to embed", "column to create with the L2-normalised vector");
    modelFolder = new Param<>(this, "modelFolder", "folder (any Hadoop URI) holding model.onnx and tokenizer.json");
    pooling =
        new Param<>(this, "pooling", "cls or mean (over the tokens the attention mask keeps)",
            ParamValidators.inArray(new String[] {EmbeddingConfig.CLS, EmbeddingConfig.MEAN}));
    prefix = new Param<>(this, "prefix", "text put before every document (E5 needs 'passage: ')");
    maxLength = new IntParam(this, "maxLength", "tokens kept per text, the rest cut (> 1)", ParamValidators.gt(1));
    batchSize = new IntParam(this, "batchSize", "texts per ONNX call (> 0)", ParamValidators.gt(0));
    threads = new IntParam(this, "threads", "ONNX intra-op threads per JVM session (> 0)", ParamValidators.gt(0));
    setDefault(pooling, EmbeddingConfig.CLS);
    setDefault(prefix, "");
    setDefault(maxLength, 512);
    setDefault(batchSize, 16);
    setDefault(threads, 1);
  }

  // Spark finds a stage's params through its public no-argument methods returning Param.
  public Param<String> modelFolder() { return modelFolder; }
  public Param<String> pooling() { return pooling; }
  public Param<String> prefix() { return prefix; }
  public IntParam maxLength() { return maxLength; }
  public IntParam batchSize() { return batchSize; }
  public IntParam threads() { return threads; }

  public OnnxRuntimeEmbeddings setModelFolder(String v) { set(modelFolder, v); return this; }
  public OnnxRuntimeEmbeddings setPooling(String v) { set(pooling, v); return this; }
  public OnnxRuntimeEmbeddings setPrefix(String v) { set(prefix, v); return this; }
  public OnnxRuntimeEmbeddings setMaxLength(int v) { set(maxLength, v); return this; }
  public OnnxRuntimeEmbeddings setBatchSize(int v) { set(batchSize, v); return this; }
  public OnnxRuntimeEmbeddings setThreads(int v) { set(threads, v); return this; }

  public String getModelFolder() {
    return $(modelFolder);
  }

  @Override
  protected MapPartitionsFunction<Row, Row> partitionEmbedder(SparkSession spark, int textIndex) {
    Broadcast<SentenceEncoder.ModelFiles> files = shipped(spark.sparkContext(), $(modelFolder));
    return new EmbedPartition(
        new Settings(
            files, $(pooling), $(prefix), (Integer) $(maxLength), (Integer) $(batchSize), (Integer) $(threads),
            textIndex));
  }

  /** The model files of {@code folder} as a broadcast, read and sent once per Spark application and model. */
  private static Broadcast<SentenceEncoder.ModelFiles> shipped(SparkContext sc, String folder) {
    return SHIPPED.compute(
        sc.applicationId() + "|" + folder,
        (key, earlier) ->
            earlier != null && earlier.isValid()
                ? earlier
                : JavaSparkContext.fromSparkContext(sc).broadcast(read(folder, sc.hadoopConfiguration())));
  }

  static SentenceEncoder.ModelFiles read(String folder, Configuration hadoop) {
    try {
      Path root = new Path(folder);
      FileSystem fs = root.getFileSystem(hadoop);
      byte[] onnx = bytes(fs, new Path(root, "model.onnx"));
      byte[] tokenizer = bytes(fs, new Path(root, "tokenizer.json"));
      String sha;
      try (InputStream in = new java.io.ByteArrayInputStream(onnx)) {
        sha = OnnxModelFolder.copyHashing(in, null);
      }
      return new SentenceEncoder.ModelFiles(sha, onnx, tokenizer);
    } catch (IOException e) {
      throw new TextClusterException(
          "Cannot read the embedding model in " + folder + ": " + e.getMessage()
              + ". The folder must hold model.onnx and the model's HuggingFace tokenizer.json.");
    }
  }

  private static byte[] bytes(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return in.readAllBytes();
    }
  }

  /** Plain values shipped to the tasks instead of the Transformer. */
  record Settings(
      Broadcast<SentenceEncoder.ModelFiles> files, String pooling, String prefix, int maxLength, int batchSize,
      int threads, int textIndex) implements java.io.Serializable {}

  /**
   * Embeds a partition a window of {@code batchSize * WINDOW_BATCHES} rows at a time, appending the vector to each row;
   * within a window the texts are batched by length (see {@link SentenceEncoder#embed}), the rows keep their order.
   */
  static final class EmbedPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final int WINDOW_BATCHES = 8;
    private final Settings s;

    EmbedPartition(Settings s) {
      this.s = s;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      SentenceEncoder encoder = SentenceEncoder.of(s.files().value(), s.pooling(), s.maxLength(), s.threads());
      return WindowedRows.map(rows, s.batchSize() * WINDOW_BATCHES, batch -> {
        List<String> texts = new ArrayList<>(batch.size());
        for (Row row : batch) {
          String text = row.isNullAt(s.textIndex()) ? "" : row.getString(s.textIndex());
          texts.add(s.prefix() + text);
        }
        float[][] vectors;
        try {
          vectors = encoder.embed(texts, s.batchSize());
        } catch (ai.onnxruntime.OrtException e) {
          throw new IllegalStateException("ONNX Runtime failed on a batch of " + texts.size() + " texts: " + e, e);
        }
        List<Row> embedded = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
          double[] vector = new double[vectors[i].length];
          for (int j = 0; j < vector.length; j++) {
            vector[j] = vectors[i][j];
          }
          embedded.add(WindowedRows.withVector(batch.get(i), Vectors.dense(vector)));
        }
        return embedded;
      });
    }
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  public static MLReader<OnnxRuntimeEmbeddings> read() {
    return new Reader();
  }

  public static OnnxRuntimeEmbeddings load(String path) {
    return read().load(path);
  }

  /** Params as Spark's JSON metadata, the model files copied into {@code <path>/model}. */
  private static final class Writer extends MLWriter {
    private final OnnxRuntimeEmbeddings stage;

    Writer(OnnxRuntimeEmbeddings stage) {
      this.stage = stage;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(stage, path, sc(), Option.empty(), Option.empty());
      Configuration hadoop = sc().hadoopConfiguration();
      Path from = new Path(stage.getModelFolder());
      Path to = new Path(path, "model");
      try {
        FileSystem source = from.getFileSystem(hadoop);
        FileSystem target = to.getFileSystem(hadoop);
        for (String file : List.of("model.onnx", "tokenizer.json")) {
          org.apache.hadoop.fs.FileUtil.copy(source, new Path(from, file), target, new Path(to, file), false, hadoop);
        }
      } catch (IOException e) {
        throw new TextClusterException("Cannot save the embedding model into " + to + ": " + e.getMessage());
      }
    }
  }

  private static final class Reader extends MLReader<OnnxRuntimeEmbeddings> {
    @Override
    public OnnxRuntimeEmbeddings load(String path) {
      DefaultParamsReader.Metadata metadata =
          DefaultParamsReader.loadMetadata(path, sc(), OnnxRuntimeEmbeddings.class.getName());
      OnnxRuntimeEmbeddings stage = new OnnxRuntimeEmbeddings(metadata.uid());
      metadata.getAndSetParams(stage, Option.empty());
      return stage.setModelFolder(new Path(path, "model").toString());
    }
  }
}
