package io.textcluster.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.JobConfig;
import io.textcluster.evaluate.ExternalMetrics;
import io.textcluster.support.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The describe and evaluate stages inside a real run (livedoor, Japanese, with LSA so vocabulary labels exist): every
 * metric in runs, the contingency table, and clusters a reader can use (Japanese keywords and labels, majority label,
 * samples, metadata).
 */
@SparkTest
class DescribeEvaluateJobTest {
  private final SparkSession spark;
  @TempDir Path lake;

  DescribeEvaluateJobTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> table(String name) {
    return spark.read().format("delta").load(lake.resolve(name).toString());
  }

  private static boolean japanese(String term) {
    return term.codePoints()
        .anyMatch(
            cp ->
                Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                    || Character.UnicodeScript.of(cp) == Character.UnicodeScript.KATAKANA
                    || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HIRAGANA);
  }

  @Test
  void livedoorRunHasReadableJapaneseClustersEveryMetricAndTheContingencyTable() {
    Map<String, String> settings = new HashMap<>();
    settings.put("output.path", lake.toString());
    settings.put("cluster.restarts", "1");
    settings.put("features.lsa.enabled", "true");
    settings.put("features.lsa.dimensions", "50");
    settings.put("describe.bigrams", "true");
    JobConfig config = JobConfig.load(Path.of("conf", "examples", "livedoor.conf"), settings);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    RunResult result =
        TextClusteringJob.run(spark, config, "jp", new PrintStream(console, true, StandardCharsets.UTF_8));

    Map<String, Double> metrics = result.metrics();
    for (String m :
        List.of("within_cluster_sse", "silhouette_euclidean", "silhouette_cosine", "davies_bouldin",
            "calinski_harabasz", "dunn_index", "metric_sample_size", "adjusted_rand_index", "adjusted_mutual_info",
            "normalized_mutual_info", "homogeneity", "completeness", "v_measure", "purity", "matched_accuracy")) {
      assertTrue(metrics.containsKey(m), "no " + m + " in " + metrics);
      assertTrue(Double.isFinite(metrics.get(m)), m + " = " + metrics.get(m));
    }
    assertEquals(2000.0, metrics.get("metric_sample_size"), "2,700 documents: the default sample of 2,000");
    Row run = table("runs").filter(col("run_id").equalTo("jp")).first();
    assertEquals(metrics.get("dunn_index"), run.<String, Double>getJavaMap(run.fieldIndex("metrics")).get("dunn_index"));

    // The contingency table alone reproduces the external metrics.
    List<Row> cells = table("contingency").filter(col("run_id").equalTo("jp")).collectAsList();
    List<String> labels = cells.stream().map(r -> r.<String>getAs("label")).distinct().sorted().toList();
    long[][] counts = new long[labels.size()][config.cluster().k()];
    long total = 0;
    for (Row r : cells) {
      long count = r.getAs("count");
      counts[labels.indexOf(r.<String>getAs("label"))][r.<Integer>getAs("cluster_id")] += count;
      total += count;
    }
    assertEquals(result.documents(), total);
    assertEquals(9, labels.size());
    Map<String, Double> fromTable = ExternalMetrics.compute(counts);
    fromTable.forEach((name, value) -> assertEquals(metrics.get(name), value, 1e-12, name));

    List<Row> clusters = table("clusters").filter(col("run_id").equalTo("jp")).orderBy("cluster_id").collectAsList();
    assertEquals(9, clusters.size());
    int japaneseKeywords = 0;
    int japaneseLabels = 0;
    List<String> shown = new ArrayList<>();
    for (Row c : clusters) {
      assertNotNull(c.getAs("majority_label"));
      assertEquals(5, c.getList(c.fieldIndex("samples")).size());
      List<String> keywords = terms(c, "keywords");
      List<String> vocabulary = terms(c, "vocabulary_labels");
      assertEquals(10, vocabulary.size());
      japaneseKeywords += (int) keywords.stream().filter(DescribeEvaluateJobTest::japanese).count();
      japaneseLabels += (int) vocabulary.stream().filter(DescribeEvaluateJobTest::japanese).count();
      Map<String, ?> topValues = c.getJavaMap(c.fieldIndex("metadata_top_values"));
      // url is text, so it has top values; date is read as a timestamp, neither text nor numeric.
      assertTrue(topValues.containsKey("url"), topValues.keySet().toString());
      shown.add(c.getAs("cluster_id") + " [" + c.getAs("majority_label") + "] keywords: "
          + String.join(", ", keywords) + " | labels: " + String.join(", ", vocabulary));
    }
    System.out.println("livedoor clusters:\n" + String.join("\n", shown));
    assertTrue(japaneseKeywords >= 80, "only " + japaneseKeywords + " of 90 keywords are Japanese");
    assertTrue(japaneseLabels >= 80, "only " + japaneseLabels + " of 90 vocabulary labels are Japanese");
  }

  private static List<String> terms(Row cluster, String column) {
    return cluster.<Row>getList(cluster.fieldIndex(column)).stream()
        .map(k -> k.getString(0))
        .collect(Collectors.toList());
  }
}
