package io.textcluster.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.textcluster.config.JobConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.support.SmallCorpus;
import io.textcluster.support.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corpora that reach clustering but cannot be clustered as configured: no term left, document-frequency bounds that
 * cannot both hold, labels missing on some documents, a Delta version the table does not have, text in another
 * script than text.language. Each says what is wrong and which key fixes it; none reaches the user as an MLlib error.
 */
@SparkTest
class HostileRunTest {
  private final SparkSession spark;
  @TempDir Path dir;

  HostileRunTest(SparkSession spark) {
    this.spark = spark;
  }

  private JobConfig config(String hocon) {
    return JobConfig.fromConfig(ConfigFactory.parseString(hocon), dir);
  }

  private String failure(String hocon) {
    return assertThrows(TextClusterException.class,
        () -> TextClusteringJob.run(spark, config(hocon), "hostile", quiet())).getMessage();
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  private String lake() {
    return "output.path = \"" + dir.resolve("lake") + "\"\n";
  }

  @Test
  void textWithNoWordsNamesTheKeysThatDecideTheVocabulary() throws Exception {
    StringBuilder csv = new StringBuilder("id,body\n");
    for (int i = 0; i < 20; i++) {
      csv.append(i).append(",").append(i % 2 == 0 ? "12 345 6789" : "the and of it").append('\n');
    }
    Files.writeString(dir.resolve("numbers.csv"), csv.toString());
    String message = failure("input { path = numbers.csv, id-column = id, text-columns = [body] }\n"
        + "features.tfidf.min-doc-freq = 1\ncluster.k = 2\n" + lake());
    assertTrue(message.contains("No term is left") && message.contains("text.stopwords")
        && message.contains("features.tfidf.min-doc-freq"), message);
  }

  @Test
  void documentFrequencyBoundsThatCannotHoldOnASmallCorpusNameBothKeys() throws Exception {
    Path csv = SmallCorpus.write(dir.resolve("eight.csv"), 8, 1);
    String message = failure("input { path = \"" + csv + "\", id-column = id, text-columns = [body] }\n"
        + "cluster.k = 2\n" + lake());
    assertTrue(message.contains("'features.tfidf.min-doc-freq' = 5") && message.contains("'features.tfidf.max-doc-freq'")
        && message.contains("On 8 documents"), message);
  }

  /** Labels on two thirds of the documents: the metrics score those, and the rest are counted, not a class. */
  @Test
  void documentsWithoutALabelAreLeftOutOfTheExternalMetricsAndCounted() throws Exception {
    Path csv = SmallCorpus.write(dir.resolve("c.csv"), 90, 2);
    StringBuilder labelled = new StringBuilder("id,body,topic\n");
    java.util.List<String> lines = Files.readAllLines(csv);
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      labelled.append(f[0]).append(',').append(f[1]).append(',').append(i % 3 == 0 ? "" : "topic" + (i - 1) % 3)
          .append('\n');
    }
    Files.writeString(dir.resolve("labelled.csv"), labelled.toString());
    TextClusteringJob.run(spark, config("input { path = labelled.csv, id-column = id, text-columns = [body], "
        + "label-column = topic }\nfeatures.tfidf.min-doc-freq = 1\ncluster { k = 3, restarts = 2 }\n" + lake()),
        "labels", quiet());
    Row run = spark.read().format("delta").load(dir.resolve("lake/runs").toString()).first();
    Map<String, Double> metrics = run.getJavaMap(run.fieldIndex("metrics"));
    assertEquals(30.0, metrics.get("unlabelled_documents"), metrics.toString());
    // Three topics with disjoint words: the labelled documents are clustered perfectly, and scored so.
    assertTrue(metrics.get("adjusted_rand_index") > 0.99, metrics.toString());
  }

  @Test
  void aDeltaVersionTheTableDoesNotHaveNamesTheKeyAndTheRange() throws Exception {
    Path csv = SmallCorpus.write(dir.resolve("c.csv"), 30, 3);
    String table = dir.resolve("docs").toString();
    spark.read().option("header", true).csv(csv.toString()).write().format("delta").save(table);
    String message = failure("input { path = \"" + table + "\", format = delta, version = 7, id-column = id, "
        + "text-columns = [body] }\nfeatures.tfidf.min-doc-freq = 1\ncluster.k = 2\n" + lake());
    assertTrue(message.contains("'input.version' = 7") && message.contains("versions 0 to 0"), message);
  }

  @Test
  void japaneseTextAnalysedAsEnglishGetsAWarningNamingJapanese() throws Exception {
    StringBuilder csv = new StringBuilder("id,body\n");
    String[] topics = {"野球の試合で選手が優勝した", "株価が上昇して市場が活発になった", "新しいスマートフォンが発売された"};
    for (int i = 0; i < 30; i++) {
      csv.append(i).append(',').append(topics[i % 3]).append(" テスト").append(i).append('\n');
    }
    Files.writeString(dir.resolve("ja.csv"), csv.toString());
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    try {
      TextClusteringJob.run(spark, config("input { path = ja.csv, id-column = id, text-columns = [body] }\n"
          + "features.tfidf.min-doc-freq = 1\ncluster.k = 2\n" + lake()), "ja",
          new PrintStream(console, true, StandardCharsets.UTF_8));
    } catch (TextClusterException analysedAsEnglish) {
      // Whether English analysis finds enough terms does not matter here: the warning comes first.
    }
    String printed = console.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("warning: text.language = english") && printed.contains("text.language = japanese"),
        printed);
  }

  /** New documents with no term of the fitted vocabulary: the prediction fails (exit 1) instead of writing nothing. */
  @Test
  void aPredictionThatAssignsNothingFailsAndIsMarkedFailed() throws Exception {
    Path csv = SmallCorpus.write(dir.resolve("c.csv"), 30, 4);
    TextClusteringJob.run(spark, config("input { path = \"" + csv + "\", id-column = id, text-columns = [body] }\n"
        + "features.tfidf.min-doc-freq = 1\ncluster { k = 3, restarts = 1 }\n" + lake()), "fitted", quiet());
    Files.writeString(dir.resolve("other.csv"), "id,body\n1,zebra giraffe\n2,volcano glacier\n");
    String message = assertThrows(TextClusterException.class, () -> PredictionJob.run(spark,
        new PredictionJob.Request(dir.resolve("lake").toString(), "delta", "fitted", "nothing",
            Map.of("input.path", dir.resolve("other.csv").toString())), quiet())).getMessage();
    assertTrue(message.contains("assigned none of the 2 documents"), message);
    Row run = spark.read().format("delta").load(dir.resolve("lake/runs").toString())
        .where(col("run_id").equalTo("nothing")).first();
    assertEquals("failed", run.getAs("status"));
  }

  /**
   * Components no document is assigned to (GMM with k near n) are not clusters: the clusters table, the assignments
   * and the runs metric empty_clusters agree, whichever components come out empty on this machine.
   */
  @Test
  void emptyComponentsAreCountedNotReportedAsClusters() throws Exception {
    Path csv = SmallCorpus.write(dir.resolve("c.csv"), 24, 5);
    int k = 12;
    TextClusteringJob.run(spark, config("input { path = \"" + csv + "\", id-column = id, text-columns = [body] }\n"
        + "features.tfidf.min-doc-freq = 1\ncluster { algorithm = gmm, k = " + k + ", restarts = 1 }\n" + lake()),
        "gmm", quiet());
    long clusters = spark.read().format("delta").load(dir.resolve("lake/clusters").toString()).count();
    long used = spark.read().format("delta").load(dir.resolve("lake/assignments").toString())
        .select("cluster_id").distinct().count();
    assertEquals(used, clusters, "one clusters row per cluster that has documents");
    Row run = spark.read().format("delta").load(dir.resolve("lake/runs").toString()).first();
    Map<String, Double> metrics = run.getJavaMap(run.fieldIndex("metrics"));
    assertEquals(k - clusters, metrics.getOrDefault("empty_clusters", 0.0).longValue(), metrics.toString());
  }
}
