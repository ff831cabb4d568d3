package io.textcluster.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.EmbeddingConfig;
import io.textcluster.config.JobConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.support.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 point 5: a user's XLM-R style folder (SentencePiece Unigram tokenizer.json, {@code <s>}/{@code </s>}, pad id
 * 1, no token_type_ids, mean pooling from 1_Pooling/config.json) through the onnxruntime engine, with a model the test
 * writes itself ({@link TinyMultilingualModel}).
 */
@SparkTest
class MultilingualOnnxTest {
  private static final List<String> TEXTS = List.of(
      "stock market price", "株式市場", "السوق الأسهم", "рынок акции", "football match goal", "stock market today");
  private final SparkSession spark;
  private final TinyMultilingualModel model = new TinyMultilingualModel();
  @TempDir Path temp;

  MultilingualOnnxTest(SparkSession spark) {
    this.spark = spark;
  }

  private EmbeddingConfig config(Path folder) {
    Map<String, Object> all = new HashMap<>();
    all.put("input.path", "x.csv");
    all.put("input.text-columns", List.of("text"));
    all.put("features.type", "embedding");
    all.put("features.embedding.model-path", folder.toString());
    all.put("features.embedding.engine", "onnxruntime");
    return JobConfig.fromConfig(com.typesafe.config.ConfigFactory.parseMap(all), temp).features().embedding();
  }

  private SentenceEncoder encoder(Path folder) {
    SentenceEncoder.ModelFiles files =
        OnnxRuntimeEmbeddings.read(folder.toString(), spark.sparkContext().hadoopConfiguration());
    return SentenceEncoder.of(files, EmbeddingConfig.MEAN, 512, 1);
  }

  private int id(String piece) {
    return model.ids.get(piece);
  }

  @Test
  void unigramPiecesOfFourScriptsGetSentenceMarksAndPadWithOne() throws Exception {
    long[][] ids = encoder(model.write(temp.resolve("m"), true, false)).paddedIds(TEXTS);
    assertArrayEquals(new long[] {0, id("▁stock"), id("▁market"), id("▁price"), 2}, ids[0]);
    // Japanese has no spaces: one pre-token, cut by the Unigram model into the pieces of highest score; padded with 1.
    assertArrayEquals(new long[] {0, id("▁株式"), id("市場"), 2, 1}, ids[1]);
    assertArrayEquals(new long[] {0, id("▁السوق"), id("▁الأسهم"), 2, 1}, ids[2]);
    assertArrayEquals(new long[] {0, id("▁рынок"), id("▁акции"), 2, 1}, ids[3]);
  }

  @Test
  void sparkStageGivesTheMaskedMeanOfTheModelsTokenVectors() throws Exception {
    Path folder = model.write(temp.resolve("mask"), true, false);
    EmbeddingFeatures.Embedder embedder = EmbeddingFeatures.embedder(spark, "text", config(folder));
    // Pooling auto took mean from the folder's 1_Pooling/config.json.
    assertTrue(embedder.modelId().contains("|pooling=mean|"), embedder.modelId());
    List<Vector> vectors = embed(embedder, TEXTS);
    long[][] ids = encoder(folder).paddedIds(TEXTS);
    for (int i = 0; i < TEXTS.size(); i++) {
      assertEquals(1.0, cosine(vectors.get(i), expected(ids[i])), 1e-5, TEXTS.get(i));
    }
    // Documents sharing pieces are closer than unrelated ones, in any script.
    assertTrue(cosine(vectors.get(0), vectors.get(5)) > cosine(vectors.get(0), vectors.get(4)));
    for (int other = 1; other <= 3; other++) {
      assertTrue(cosine(vectors.get(0), vectors.get(other)) > cosine(vectors.get(other), vectors.get(4)),
          TEXTS.get(other) + " is nearer the English finance text than the football one");
    }
  }

  @Test
  void inputsComeFromTheModelNotAFixedList() throws Exception {
    // Only input_ids, and as int32: no attention_mask, no token_type_ids.
    Path folder = model.write(temp.resolve("ids-only"), false, true);
    List<Vector> vectors = embed(EmbeddingFeatures.embedder(spark, "text", config(folder)), TEXTS);
    long[][] ids = encoder(folder).paddedIds(TEXTS);
    for (int i = 0; i < TEXTS.size(); i++) {
      assertEquals(1.0, cosine(vectors.get(i), expected(ids[i])), 1e-5, TEXTS.get(i));
    }
  }

  @Test
  void aSentenceEmbeddingOutputIsTheModelsOwnPooling() throws Exception {
    // sentence_embedding here is the maximum over every position, padding included; these texts have no padding.
    List<String> sameLength = List.of("stock market price", "рынок акции цена", "football match goal");
    Path folder = model.write(temp.resolve("sentence"), true, false, true);
    List<Vector> vectors = embed(EmbeddingFeatures.embedder(spark, "text", config(folder)), sameLength);
    long[][] ids = encoder(folder).paddedIds(sameLength);
    for (int i = 0; i < sameLength.size(); i++) {
      assertEquals(5, ids[i].length);
      double[] max = new double[TinyMultilingualModel.DIM];
      java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
      for (long id : ids[i]) {
        for (int j = 0; j < max.length; j++) {
          max[j] = Math.max(max[j], model.table[(int) id][j]);
        }
      }
      assertEquals(1.0, cosine(vectors.get(i), max), 1e-5, sameLength.get(i));
      assertTrue(cosine(vectors.get(i), expected(ids[i])) < 0.999, "not the mean of the token vectors");
    }
  }

  @Test
  void savedPipelineEmbedsTheSameWithoutTheFolder() throws Exception {
    Path folder = model.write(temp.resolve("saved"), true, false);
    EmbeddingFeatures.Embedder embedder = EmbeddingFeatures.embedder(spark, "text", config(folder));
    PipelineModel pipeline = new PipelineModel("test", embedder.stages().toArray(Transformer[]::new));
    String path = temp.resolve("pipeline").toString();
    pipeline.write().overwrite().save(path);
    List<Vector> before = embed(embedder, TEXTS);
    deleteTree(folder);
    PipelineModel loaded = PipelineModel.load(path);
    List<Vector> after = loaded.transform(texts(TEXTS)).orderBy("i").select("features").collectAsList().stream()
        .map(r -> (Vector) r.get(0)).toList();
    for (int i = 0; i < TEXTS.size(); i++) {
      assertEquals(0.0, org.apache.spark.ml.linalg.Vectors.sqdist(before.get(i), after.get(i)), 1e-10);
    }
  }

  @Test
  void weightsOutsideModelOnnxAreRefusedInOneLine() throws Exception {
    Path folder = model.write(temp.resolve("external"), true, false);
    Files.writeString(folder.resolve("model.onnx_data"), "weights");
    TextClusterException e = assertThrows(TextClusterException.class,
        () -> EmbeddingFeatures.embedder(spark, "text", config(folder)));
    assertTrue(e.getMessage().contains("model.onnx_data") && e.getMessage().contains("model-path"), e.getMessage());
  }

  @Test
  void sentenceTransformersMaxSeqLengthCapsTheConfiguredLength() throws Exception {
    Path folder = model.write(temp.resolve("capped"), true, false);
    Files.writeString(folder.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 128}");
    assertTrue(EmbeddingFeatures.embedder(spark, "text", config(folder)).modelId().contains("|max-len=128|"));
  }

  private Dataset<Row> texts(List<String> texts) {
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      rows.add(org.apache.spark.sql.RowFactory.create(i, texts.get(i)));
    }
    return spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
        .add("i", "int").add("text", "string"));
  }

  private List<Vector> embed(EmbeddingFeatures.Embedder embedder, List<String> texts) {
    PipelineModel pipeline = new PipelineModel("test", embedder.stages().toArray(Transformer[]::new));
    return pipeline.transform(texts(texts)).orderBy("i").select("features").collectAsList().stream()
        .map(r -> (Vector) r.get(0)).toList();
  }

  /** The normalised mean of the table rows of the ids before the padding (pad id 1). */
  private double[] expected(long[] ids) {
    double[] sum = new double[TinyMultilingualModel.DIM];
    int kept = 0;
    for (int t = 0; t < ids.length; t++) {
      if (ids[t] == 1 && t > 0) {
        break;
      }
      kept++;
      for (int j = 0; j < sum.length; j++) {
        sum[j] += model.table[(int) ids[t]][j];
      }
    }
    for (int j = 0; j < sum.length; j++) {
      sum[j] /= kept;
    }
    return sum;
  }

  private static double cosine(Vector a, double[] b) {
    return cosine(a, org.apache.spark.ml.linalg.Vectors.dense(b));
  }

  private static double cosine(Vector a, Vector b) {
    return a.dot(b) / (org.apache.spark.ml.linalg.Vectors.norm(a, 2) * org.apache.spark.ml.linalg.Vectors.norm(b, 2));
  }

  private static void deleteTree(Path folder) throws java.io.IOException {
    try (var paths = Files.walk(folder)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
