package io.textcluster.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.textcluster.config.JobConfig;
import io.textcluster.evaluate.ExternalMetrics;
import io.textcluster.support.SharedData;
import io.textcluster.support.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
    // LLM naming against a local OpenAI-compatible server: every cluster is named from its first keyword.
    HttpServer server = namingServer();
    settings.put("describe.naming", "llm");
    settings.put("describe.llm.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    settings.put("describe.llm.model", "local-test");
    settings.put("describe.llm.api-key-env", "");
    JobConfig config = JobConfig.load(Path.of("conf", "examples", "livedoor.conf"), settings);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    RunResult result;
    try {
      result = TextClusteringJob.run(spark, config, "jp", new PrintStream(console, true, StandardCharsets.UTF_8));
    } finally {
      server.stop(0);
    }
    String printed = console.toString(StandardCharsets.UTF_8);
    System.out.println(printed);
    assertTrue(printed.contains("9 clusters named by local-test (9 requests, 0 cached)"), printed);

    Map<String, Double> metrics = result.metrics();
    for (String m :
        List.of("within_cluster_sse", "silhouette_euclidean", "silhouette_cosine", "davies_bouldin",
            "calinski_harabasz", "dunn_index", "metric_sample_size", "adjusted_rand_index", "adjusted_mutual_info",
            "normalized_mutual_info", "homogeneity", "completeness", "v_measure", "purity", "matched_accuracy")) {
      assertTrue(metrics.containsKey(m), "no " + m + " in " + metrics);
      assertTrue(Double.isFinite(metrics.get(m)), m + " = " + metrics.get(m));
    }
    assertEquals(2000.0, metrics.get("metric_sample_size"), "2,700 documents: the default sample of 2,000");
    assertEquals(9.0, metrics.get("llm_requests"));
    assertEquals(0.0, metrics.get("llm_names_fallback"));
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
      List<String> keywordsForName = terms(c, "keywords");
      assertEquals("Theme of " + keywordsForName.get(0), c.getAs("name"), "the LLM's answer is the name");
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
    // Measured 76: the rest are Latin words the articles themselves use (site names such as "sports watch", credits).
    assertTrue(japaneseLabels >= 70, "only " + japaneseLabels + " of 90 vocabulary labels are Japanese");
  }

  /** A failed re-run writes none of its own cells and keeps the earlier attempt's (the last good result). */
  @Test
  void aFailedRerunKeepsTheEarlierContingencyRowsAndAddsNone() {
    Map<String, String> settings = new HashMap<>();
    settings.put("output.path", lake.toString());
    settings.put("input.path", SharedData.corpus("bbc_news").resolve("bbc_news.part02.csv").toString());
    settings.put("cluster.restarts", "1");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    RunResult ok =
        TextClusteringJob.run(spark, JobConfig.load(Path.of("conf", "examples", "bbc_news.conf"), settings), "r", quiet);
    long cells = table("contingency").filter(col("run_id").equalTo("r")).count();
    assertTrue(cells >= 5, "every cluster has at least one label cell: " + cells);
    long counted =
        table("contingency").filter(col("run_id").equalTo("r")).agg(org.apache.spark.sql.functions.sum("count"))
            .first().getLong(0);
    assertEquals(ok.documents(), counted);

    settings.put("cluster.k", "5000");
    JobConfig failing = JobConfig.load(Path.of("conf", "examples", "bbc_news.conf"), settings);
    assertThrows(RuntimeException.class, () -> TextClusteringJob.run(spark, failing, "r", quiet));
    assertEquals(cells, table("contingency").filter(col("run_id").equalTo("r")).count());
    assertEquals(counted,
        table("contingency").filter(col("run_id").equalTo("r")).agg(org.apache.spark.sql.functions.sum("count"))
            .first().getLong(0));
  }

  /** Answers "Theme of <first keyword>" to every chat completion request. */
  private static HttpServer namingServer() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/v1/chat/completions",
          exchange -> {
            JsonNode body = new ObjectMapper().readTree(exchange.getRequestBody());
            String prompt = body.path("messages").path(0).path("content").asText();
            String keyword = prompt.replaceAll("(?s).*Keywords: ([^,\\n]+).*", "$1");
            ObjectNode answer = new ObjectMapper().createObjectNode();
            answer.putArray("choices").addObject().putObject("message").put("content", "Theme of " + keyword);
            byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> terms(Row cluster, String column) {
    return cluster.<Row>getList(cluster.fieldIndex(column)).stream()
        .map(k -> k.getString(0))
        .collect(Collectors.toList());
  }
}
