package io.textcluster.features;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.textcluster.config.JobConfig;
import io.textcluster.describe.ClusterLanguages;
import io.textcluster.evaluate.ExternalMetrics;
import io.textcluster.job.RunResult;
import io.textcluster.job.TextClusteringJob;
import io.textcluster.support.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 end to end with a multilingual ONNX folder: English, Russian, Arabic and Japanese documents on three topics,
 * text.language = auto, features from the test-built XLM-R style model (engine onnxruntime, model-path), through the
 * real job and lake: the clusters table's language mix, and the saved PipelineModel assigning new documents.
 *
 * <p>What the mix measures here: the model's table puts translations together by construction, so clusters crossing
 * languages show that tokenisation, padding and pooling carry that alignment through Spark intact (no split by script
 * comes from the pipeline); they say nothing about how well a real multilingual model aligns languages.
 */
@SparkTest
class MultilingualRunTest {
  private static final int PER_TOPIC_AND_LANGUAGE = 8;
  private final SparkSession spark;
  @TempDir Path dir;

  MultilingualRunTest(SparkSession spark) {
    this.spark = spark;
  }

  private Path corpus() throws Exception {
    Random random = new Random(7);
    StringBuilder csv = new StringBuilder("id,body,known,topic\n");
    int id = 0;
    for (String topic : TinyMultilingualModel.TOPICS) {
      for (String language : TinyMultilingualModel.LANGUAGES) {
        for (int i = 0; i < PER_TOPIC_AND_LANGUAGE; i++) {
          String text = TinyMultilingualModel.document(topic, language, 12 + random.nextInt(8), random);
          csv.append(id++).append(",\"").append(text).append("\",").append(language).append(',').append(topic)
              .append('\n');
        }
      }
    }
    Path file = dir.resolve("mixed.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void multilingualFolderRunsThroughTheJobAndClustersShowTheirLanguageMix() throws Exception {
    Path folder = new TinyMultilingualModel().write(dir.resolve("model"), true, false);
    Path lake = dir.resolve("lake");
    RunResult result = TextClusteringJob.run(spark, JobConfig.fromConfig(ConfigFactory.parseString(
        "input { path = \"" + corpus() + "\", id-column = id, text-columns = [body], label-column = topic, "
            + "keep-columns = [known] }\n"
            + "text.language = auto\nfeatures.type = embedding\n"
            + "features.embedding { engine = onnxruntime, model-path = \"" + folder + "\", cache.enabled = false }\n"
            // Only what this test reads: no report page, silhouette or samples (CI time).
            + "report.enabled = false\nevaluate.silhouette = false\n"
            + "describe { samples = 0, vocabulary-labels = 0 }\n"
            + "cluster.k = 3\noutput.path = \"" + lake + "\"\n"), dir), "multilingual",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    int documents = 3 * 4 * PER_TOPIC_AND_LANGUAGE;
    assertEquals(documents, result.documents());

    Dataset<Row> assignments = spark.read().format("delta").load(lake.resolve("assignments").toString())
        .filter(col("run_id").equalTo("multilingual"));
    // The detector reads these word lists mostly right; the mix below is of detected languages.
    long agree = assignments.filter("language = known").count();
    assertTrue(agree >= documents * 3 / 4, agree + " of " + documents + " detected as their known language");

    List<Row> clusters = spark.read().format("delta").load(lake.resolve("clusters").toString())
        .filter(col("run_id").equalTo("multilingual")).select("cluster_id", "size", "language_mix").collectAsList();
    assertEquals(3, clusters.size());
    for (Row cluster : clusters) {
      Map<String, Double> mix = cluster.getJavaMap(2);
      assertNotNull(mix, "language_mix of cluster " + cluster.get(0));
      assertEquals(1.0, mix.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    }

    // Measured (printed, not asserted beyond what the construction guarantees): topic and language agreement.
    Map<String, Double> byTopic = vMeasure(assignments, "label");
    Map<String, Double> byLanguage = vMeasure(assignments, "known");
    Map<Integer, List<ClusterLanguages.Share>> mix =
        ClusterLanguages.compute(assignments, "cluster_id", "known");
    System.out.printf(Locale.ROOT,
        "[multilingual] V-measure against topic %.3f, against known language %.3f; language purity %.3f%n",
        byTopic.get("v_measure"), byLanguage.get("v_measure"), ClusterLanguages.languagePurity(mix));
    mix.forEach((c, shares) -> System.out.println("[multilingual] cluster " + c + ": "
        + ClusterLanguages.describe(shares)));
    assertTrue(byTopic.get("v_measure") > byLanguage.get("v_measure"),
        "clusters follow the topics the model aligns across languages, not the script");

    // The saved run assigns new documents by itself: the model folder is not needed any more.
    PipelineModel saved = PipelineModel.load(lake.resolve("models/multilingual").toString());
    Dataset<Row> again = saved.transform(spark.read().option("header", true).csv(corpus().toString())
        .selectExpr("CAST(id AS STRING) AS doc_id", "body AS text"));
    long same = again.join(assignments.select(col("doc_id"), col("cluster_id").as("fitted")), "doc_id")
        .filter("cluster_id = fitted").count();
    assertEquals(documents, same, "the loaded model assigns every document to its fitted cluster");
  }

  private static Map<String, Double> vMeasure(Dataset<Row> assignments, String labelColumn) {
    List<Row> pairs = assignments.groupBy("cluster_id", labelColumn).count().collectAsList();
    List<Integer> clusters = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (Row r : pairs) {
      if (!clusters.contains(r.getInt(0))) {
        clusters.add(r.getInt(0));
      }
      if (!labels.contains(r.getString(1))) {
        labels.add(r.getString(1));
      }
    }
    long[][] contingency = new long[labels.size()][clusters.size()];
    for (Row r : pairs) {
      contingency[labels.indexOf(r.getString(1))][clusters.indexOf(r.getInt(0))] += r.getLong(2);
    }
    return ExternalMetrics.compute(contingency);
  }
}
