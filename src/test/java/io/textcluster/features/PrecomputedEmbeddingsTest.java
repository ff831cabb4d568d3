package io.textcluster.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.TextClusterException;
import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** provider = column: arrays, ML vectors and "[...]" strings become normalised vectors; bad rows are named. */
@SparkTest
class PrecomputedEmbeddingsTest {
  private final SparkSession spark;
  @TempDir Path temp;

  PrecomputedEmbeddingsTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> rows(String... sql) {
    return spark.sql(String.join(" UNION ALL ", sql));
  }

  private static PrecomputedEmbeddings stage() {
    return new PrecomputedEmbeddings().setInputCol("v").setOutputCol("features");
  }

  private static void assertUnit(Vector v, double... direction) {
    assertEquals(0.0, Vectors.sqdist(v, Vectors.dense(EmbeddingVector.normalise(direction.clone()))), 1e-9);
  }

  @Test
  void readsFloatArraysDoubleArraysAndStrings() {
    Dataset<Row> floats = rows("SELECT 'a' AS doc_id, array(CAST(3 AS FLOAT), CAST(4 AS FLOAT), CAST(0 AS FLOAT)) AS v",
        "SELECT 'b', array(CAST(0 AS FLOAT), CAST(0 AS FLOAT), CAST(2 AS FLOAT))");
    List<Row> out = stage().validate(floats, "doc_id").transform(floats).orderBy("doc_id").collectAsList();
    assertUnit(out.get(0).getAs("features"), 3, 4, 0);
    assertUnit(out.get(1).getAs("features"), 0, 0, 2);

    Dataset<Row> strings = rows("SELECT 'a' AS doc_id, '[0.1, -0.2, 0.3e1]' AS v", "SELECT 'b', '[1,2,3]'");
    PrecomputedEmbeddings fromStrings = stage().validate(strings, "doc_id");
    assertEquals(3, fromStrings.getDimension());
    assertUnit(fromStrings.transform(strings).orderBy("doc_id").first().getAs("features"), 0.1, -0.2, 3.0);

    Dataset<Row> doubles = rows("SELECT 'a' AS doc_id, array(1.5D, 2.5D) AS v");
    assertUnit(stage().validate(doubles, "doc_id").transform(doubles).first().getAs("features"), 1.5, 2.5);
  }

  @Test
  void readsMlVectors() {
    Dataset<Row> arrays = rows("SELECT 'a' AS doc_id, array(1.0D, 1.0D) AS v");
    Dataset<Row> vectors =
        arrays.withColumn("v", org.apache.spark.ml.functions.array_to_vector(arrays.col("v")));
    assertUnit(stage().validate(vectors, "doc_id").transform(vectors).first().getAs("features"), 1, 1);
  }

  @Test
  void namesRowsWithAnotherDimensionNaNOrUnparsableText() {
    Dataset<Row> mixed = rows(
        "SELECT 'ok1' AS doc_id, '[1, 2, 3]' AS v",
        "SELECT 'short', '[1, 2]'",
        "SELECT 'nan', '[1, NaN, 3]'",
        "SELECT 'inf', '[1, Infinity, 3]'",
        "SELECT 'words', 'not a vector'");
    TextClusterException e =
        assertThrows(TextClusterException.class, () -> stage().setDimension(3).validate(mixed, "doc_id"));
    for (String expected : List.of("4 rows", "short (dimension 2)", "nan (NaN or infinity)", "inf (NaN or infinity)",
        "words (missing or not a list of numbers)", "features.embedding.column.name")) {
      assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
  }

  @Test
  void rejectsColumnsOfOtherTypes() {
    Dataset<Row> numbers = rows("SELECT 'a' AS doc_id, 3 AS v");
    TextClusterException e = assertThrows(TextClusterException.class, () -> stage().validate(numbers, "doc_id"));
    assertTrue(e.getMessage().contains("has type int"), e.getMessage());
    TextClusterException missing =
        assertThrows(TextClusterException.class, () -> stage().setInputCol("embedding").validate(numbers, "doc_id"));
    assertTrue(missing.getMessage().contains("doc_id, v"), missing.getMessage());
  }

  @Test
  void aRunClustersOnTheInputsVectors() {
    String input = temp.resolve("vectors").toString();
    spark.range(60).selectExpr(
            "CAST(id AS STRING) AS id",
            "element_at(array('alpha', 'beta', 'gamma'), CAST(id % 3 + 1 AS INT)) AS topic",
            "concat(element_at(array('alpha', 'beta', 'gamma'), CAST(id % 3 + 1 AS INT)), ' story number ', id) AS body",
            // seed 000 keeps its vectors as strings like "[0.1, -0.2, ...]"
            "concat('[', CAST(IF(id % 3 = 0, 1.0, 0.05) AS STRING), ', ', CAST(IF(id % 3 = 1, 1.0, 0.05) AS STRING),"
                + " ', ', CAST(IF(id % 3 = 2, 1.0, 0.05) + id / 1000.0 AS STRING), ']') AS embedding")
        .write().parquet(input);
    java.util.Map<String, Object> settings = new java.util.HashMap<>();
    settings.put("input.path", input);
    settings.put("input.format", "parquet");
    settings.put("input.id-column", "id");
    settings.put("input.text-columns", List.of("body"));
    settings.put("input.label-column", "topic");
    settings.put("input.keep-columns", List.of("embedding"));
    settings.put("features.type", "embedding");
    settings.put("features.embedding.provider", "column");
    settings.put("features.embedding.column.name", "embedding");
    settings.put("cluster.k", 3);
    settings.put("output.path", temp.resolve("lake").toString());
    io.textcluster.config.JobConfig config =
        io.textcluster.config.JobConfig.fromConfig(com.typesafe.config.ConfigFactory.parseMap(settings), temp);
    java.util.Map<String, Double> metrics =
        io.textcluster.job.TextClusteringJob.run(
                spark, config, "column", new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
            .metrics();
    assertEquals(1.0, metrics.get("adjusted_rand_index"), 1e-9);
    assertTrue(!metrics.containsKey("embedding_cache_hits"), "precomputed vectors do not go through the cache");
  }

  @Test
  void savedStageKeepsItsDimension() {
    Dataset<Row> strings = rows("SELECT 'a' AS doc_id, '[1, 2]' AS v");
    String path = temp.resolve("m").toString();
    try {
      new PipelineModel("p", new Transformer[] {stage().validate(strings, "doc_id")}).write().save(path);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    PrecomputedEmbeddings loaded = (PrecomputedEmbeddings) PipelineModel.load(path).stages()[0];
    assertEquals(2, loaded.getDimension());
    Dataset<Row> wrong = rows("SELECT 'b' AS doc_id, '[1, 2, 3]' AS v");
    Exception e = assertThrows(Exception.class, () -> loaded.transform(wrong).collectAsList());
    assertTrue(String.valueOf(e.getMessage()).contains("dimension 3, expected 2")
        || String.valueOf(e.getCause()).contains("dimension 3, expected 2"), String.valueOf(e));
  }
}
