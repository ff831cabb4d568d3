package io.textcluster.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.textcluster.config.NamingConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import io.textcluster.support.SparkTest;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LLM naming against a local OpenAI-compatible server started by the test on 127.0.0.1; answers are cached in a Delta
 * table of a temporary lake.
 */
@SparkTest
class LlmClusterNamerTest {
  private static final String KEY = "sk-test-0123456789-DO-NOT-LEAK";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path cache;
  private final SparkSession spark;
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  /** Steps answered before the fixed status: "429", "500", or "slow" (answers after the client's 1 s timeout). */
  private final Queue<String> script = new ConcurrentLinkedQueue<>();

  LlmClusterNamerTest(SparkSession spark) {
    this.spark = spark;
  }

  /** Answers every request with the given status; a 200 names the cluster after its first keyword. */
  private String start(int status) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          requests.incrementAndGet();
          JsonNode body = JSON.readTree(exchange.getRequestBody());
          bodies.add(body);
          authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          String step = script.poll();
          int code = status;
          if ("slow".equals(step)) {
            sleep(1500);
          } else if (step != null) {
            code = Integer.parseInt(step);
          }
          String prompt = body.path("messages").path(0).path("content").asText();
          String keyword = prompt.replaceAll("(?s).*Keywords: ([^,\\n]+).*", "$1");
          String answer =
              code == 200
                  ? "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"\\\"All about " + keyword
                      + ".\\\"\"}}]}"
                  : "{\"error\":{\"message\":\"bad key " + KEY + "\"}}";
          byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
          try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(code, bytes.length);
            out.write(bytes);
          } catch (IOException clientGaveUp) {
            // The client timed out and closed the connection.
          }
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private LlmClusterNamer namer(String baseUrl, int maxRequests, Map<String, String> environment) {
    return namer(baseUrl, "test-model", maxRequests, environment);
  }

  private LlmClusterNamer namer(String baseUrl, String model, int maxRequests, Map<String, String> environment) {
    String table = cache.resolve("naming_cache").toString();
    // 1 s timeout, 3 retries 10 ms apart (doubling): the retry tests stay fast.
    NamingConfig config =
        new NamingConfig(NamingConfig.LLM, baseUrl, model, "TEST_LLM_KEY", maxRequests, 1, 3, 10, table);
    return new LlmClusterNamer(config, new NamingCache(spark, table), environment::get);
  }

  private static List<LlmClusterNamer.Cluster> clusters(int n) {
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                new LlmClusterNamer.Cluster(
                    i, "topic" + i + " / other", List.of("topic" + i, "other"), List.of("review a" + i, "review b" + i)))
        .toList();
  }

  private void assertNoKeyIn(LlmClusterNamer.Outcome outcome, Path cache) throws IOException {
    assertFalse(outcome.toString().contains(KEY), outcome.toString());
    String table = cache.resolve("naming_cache").toString();
    if (Files.exists(Path.of(table))) {
      String rows = String.join("\n", spark.read().format("delta").load(table).toJSON().collectAsList());
      assertFalse(rows.contains(KEY), rows);
    }
    try (Stream<Path> files = Files.walk(cache)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        // Latin-1 reads any bytes (Parquet data, the Delta log, .crc files).
        assertFalse(Files.readString(f, StandardCharsets.ISO_8859_1).contains(KEY), f.toString());
      }
    }
  }

  @Test
  void namesComeFromTheAnswersAndAreCachedByPrompt() throws IOException {
    String url = start(200);
    LlmClusterNamer.Outcome first = namer(url, 10, Map.of("TEST_LLM_KEY", KEY)).name(clusters(3));
    assertEquals(Map.of(0, "All about topic0", 1, "All about topic1", 2, "All about topic2"), first.names());
    assertEquals(3, first.requests());
    assertEquals(0, first.fallbacks());
    JsonNode body = bodies.get(0);
    assertEquals("test-model", body.path("model").asText());
    assertEquals(0, body.path("temperature").asInt());
    String prompt = body.path("messages").path(0).path("content").asText();
    assertTrue(prompt.startsWith("What do the following customer reviews have in common?"), prompt);
    assertTrue(prompt.contains("review a0") && prompt.contains("Keywords: topic0, other"), prompt);
    assertTrue(authorizations.stream().allMatch(("Bearer " + KEY)::equals), "the key goes in the header only");

    LlmClusterNamer.Outcome again = namer(url, 10, Map.of("TEST_LLM_KEY", KEY)).name(clusters(3));
    assertEquals(first.names(), again.names());
    assertEquals(0, again.requests(), "answers are cached by prompt hash");
    assertEquals(3, again.cached());
    assertEquals(3, requests.get());
    assertNoKeyIn(again, cache);

    // The cache is a Delta table: one row per answer, keyed by prompt hash, model and endpoint.
    List<Row> rows =
        spark.read().format("delta").load(cache.resolve("naming_cache").toString())
            .orderBy(NamingCache.NAME).collectAsList();
    assertEquals(3, rows.size());
    Row row = rows.get(0);
    assertEquals("All about topic0", row.getAs(NamingCache.NAME));
    assertEquals("test-model", row.getAs(NamingCache.MODEL));
    assertEquals(url, row.getAs(NamingCache.BASE_URL));
    assertEquals(64, ((String) row.getAs(NamingCache.PROMPT_HASH)).length());
    assertTrue(row.getAs(NamingCache.CREATED_AT) != null);

    // Another model's answers are its own: the same prompts are asked again.
    LlmClusterNamer.Outcome otherModel = namer(url, "other-model", 10, Map.of("TEST_LLM_KEY", KEY)).name(clusters(1));
    assertEquals(1, otherModel.requests());
    assertEquals(4, requests.get());
  }

  @Test
  void aSecondRunHitsTheCacheAndSendsNothingEvenWithoutAServer() throws IOException {
    String url = start(200);
    LlmClusterNamer.Outcome first = namer(url, 10, Map.of("TEST_LLM_KEY", KEY)).name(clusters(2));
    assertEquals(2, first.requests());
    server.stop(0);
    server = null;
    LlmClusterNamer.Outcome second = namer(url, 10, Map.of("TEST_LLM_KEY", KEY)).name(clusters(2));
    assertEquals(first.names(), second.names(), "the names come from the naming_cache table");
    assertEquals(0, second.requests());
    assertEquals(2, second.cached());
    assertEquals(0, second.fallbacks(), second.reasons().toString());
    assertEquals(2, requests.get());
  }

  @Test
  void serverErrorsFallBackToKeywordsAndSaySoWithoutTheKey() throws IOException {
    String url = start(500);
    LlmClusterNamer.Outcome outcome = namer(url, 10, Map.of("TEST_LLM_KEY", KEY)).name(clusters(2));
    assertEquals(Map.of(0, "topic0 / other", 1, "topic1 / other"), outcome.names());
    assertEquals(2, outcome.fallbacks());
    assertEquals(8, requests.get(), "each prompt tried once and retried 3 times");
    assertEquals(8, outcome.requests());
    assertTrue(outcome.reasons().get(0).contains("answered HTTP 500 (4 attempts)"), outcome.reasons().toString());
    assertNoKeyIn(outcome, cache);
  }

  @Test
  void throttlingServerErrorsAndTimeoutsAreRetriedThenTheAnswerIsUsed() throws IOException {
    String url = start(200);
    script.addAll(List.of("429", "500", "slow"));
    LlmClusterNamer.Outcome outcome = namer(url, 10, Map.of("TEST_LLM_KEY", KEY)).name(clusters(1));
    assertEquals(Map.of(0, "All about topic0"), outcome.names(), outcome.reasons().toString());
    assertEquals(4, outcome.requests(), "429, 500, a timeout, then the answer");
    assertEquals(0, outcome.fallbacks());
  }

  @Test
  void retriesCountAgainstTheCapAndAClientErrorIsNotRetried() throws IOException {
    String url = start(200);
    script.addAll(List.of("429", "429", "429"));
    LlmClusterNamer.Outcome capped = namer(url, 2, Map.of("TEST_LLM_KEY", KEY)).name(clusters(2));
    assertEquals(2, requests.get(), "the cap bounds retries too");
    assertEquals(2, capped.fallbacks());
    assertTrue(capped.reasons().get(0).contains("HTTP 429 (2 attempts), then the request cap"),
        capped.reasons().toString());
    script.clear();
    script.add("400");
    requests.set(0);
    LlmClusterNamer.Outcome refused = namer(url, 10, Map.of("TEST_LLM_KEY", KEY)).name(clusters(1));
    assertEquals(1, requests.get(), "400 is the request's fault: asking again would not help");
    assertTrue(refused.reasons().get(0).contains("answered HTTP 400"), refused.reasons().toString());
  }

  @Test
  void theRequestCapHolds() throws IOException {
    String url = start(200);
    LlmClusterNamer.Outcome outcome = namer(url, 2, Map.of("TEST_LLM_KEY", KEY)).name(clusters(5));
    assertEquals(2, requests.get(), "the server saw no more than the cap");
    assertEquals(2, outcome.requests());
    assertEquals(3, outcome.fallbacks());
    assertEquals("All about topic1", outcome.names().get(1));
    assertEquals("topic4 / other", outcome.names().get(4));
    assertTrue(outcome.reasons().get(0).contains("max-requests = 2"), outcome.reasons().toString());
  }

  @Test
  void aMissingKeyOrAnUnreachableServerFallsBackWithoutSending() throws IOException {
    String url = start(200);
    LlmClusterNamer.Outcome noKey = namer(url, 10, Map.of()).name(clusters(2));
    assertEquals(0, requests.get());
    assertEquals(2, noKey.fallbacks());
    assertTrue(noKey.reasons().get(0).contains("TEST_LLM_KEY"), noKey.reasons().toString());
    server.stop(0);
    server = null;
    LlmClusterNamer.Outcome down = namer(url, 10, Map.of("TEST_LLM_KEY", KEY)).name(clusters(1));
    assertEquals(Map.of(0, "topic0 / other"), down.names());
    assertTrue(down.reasons().stream().collect(Collectors.joining()).contains("could not be reached"),
        down.reasons().toString());
    assertNoKeyIn(down, cache);
  }

  @Test
  void answersAreCutToOneShortLine() {
    assertEquals("Coffee lovers", LlmClusterNamer.clean("Theme: \"Coffee lovers.\"\nBecause they all..."));
  }
}
