package io.textcluster.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.textcluster.support.SparkTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API provider against a local OpenAI-compatible server started by the test on 127.0.0.1: it answers vectors,
 * and on a script of failures also 429s, 500s and answers slower than the client's timeout.
 */
@SparkTest
class ApiEmbeddingsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DIMENSION = 6;

  private final SparkSession spark;
  private HttpServer server;
  private final ConcurrentLinkedQueue<String> script = new ConcurrentLinkedQueue<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger largestBatch = new AtomicInteger();
  private final AtomicInteger longestText = new AtomicInteger();
  private final AtomicInteger textsAnswered = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> authorizations = new ConcurrentLinkedQueue<>();
  @TempDir Path temp;

  ApiEmbeddingsTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext("/v1/embeddings", this::answer);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      requests.incrementAndGet();
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      authorizations.add(auth == null ? "none" : auth);
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      String step = script.poll();
      if ("429".equals(step) || "500".equals(step)) {
        reply(exchange, Integer.parseInt(step), "{\"error\":{\"message\":\"scripted " + step + "\"}}");
        return;
      }
      if ("slow".equals(step)) {
        Thread.sleep(2500);
      }
      ArrayNode data = JSON.createArrayNode();
      JsonNode input = request.path("input");
      largestBatch.accumulateAndGet(input.size(), Math::max);
      textsAnswered.addAndGet(input.size());
      // Answer in reverse order with explicit indexes: a client must place vectors by index, not by position.
      for (int i = input.size() - 1; i >= 0; i--) {
        String text = input.get(i).asText();
        longestText.accumulateAndGet(text.length(), Math::max);
        ObjectNode item = data.addObject();
        item.put("object", "embedding");
        item.put("index", i);
        ArrayNode vector = item.putArray("embedding");
        for (double x : vectorOf(text)) {
          vector.add(x);
        }
      }
      ObjectNode body = JSON.createObjectNode();
      body.set("data", data);
      body.put("model", request.path("model").asText());
      reply(exchange, 200, body.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    try {
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (IOException clientGaveUp) {
      // The client timed out and closed the connection: nothing left to answer.
    } finally {
      exchange.close();
    }
  }

  /** A deterministic, text-dependent vector: what a model would return, without a model. */
  static double[] vectorOf(String text) {
    double[] v = new double[DIMENSION];
    for (int i = 0; i < DIMENSION; i++) {
      v[i] = ((text.hashCode() >>> (i * 5)) & 31) - 15.5;
    }
    return v;
  }

  private Dataset<Row> texts(int n, int length) {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(("document " + i + " ").repeat(Math.max(1, length / 12)));
    }
    return spark.createDataset(rows, Encoders.STRING()).toDF("text").repartition(2);
  }

  private ApiEmbeddings stage() {
    return new ApiEmbeddings()
        .setInputCol("text")
        .setOutputCol("features")
        .setBaseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/")
        .setModel("test-model")
        .setKeyEnv("TEXTCLUSTER_TEST_KEY_THAT_IS_NOT_SET")
        .setTextsPerRequest(5)
        .setConcurrency(2)
        .setMaxRetries(4)
        .setTimeoutSeconds(1)
        .setInitialBackoffMillis(20);
  }

  @Test
  void embedsManyTextsPerRequestWithBoundedConcurrency() {
    List<Row> rows = stage().transform(texts(43, 30)).collectAsList();
    assertEquals(43, rows.size());
    for (Row row : rows) {
      Vector v = row.getAs("features");
      double[] expected = EmbeddingVector.normalise(vectorOf(row.getString(0)));
      assertEquals(0.0, Vectors.sqdist(v, Vectors.dense(expected)), 1e-12, row.getString(0));
    }
    assertEquals(5, largestBatch.get());
    assertTrue(requests.get() >= 9 && requests.get() <= 10, requests.get() + " requests for 43 texts");
    // Two partitions run at once (local[2]), each with at most 2 requests in flight.
    assertTrue(maxInFlight.get() <= 4, "in flight at once: " + maxInFlight.get());
    assertTrue(authorizations.stream().allMatch("none"::equals), "no key variable set: no Authorization header");
  }

  @Test
  void retries429And500AndTimeoutsThenSucceeds() {
    script.addAll(List.of("429", "500", "slow", "429"));
    List<Row> rows = stage().setConcurrency(1).transform(texts(5, 30).coalesce(1)).collectAsList();
    assertEquals(5, rows.size());
    assertEquals(5, requests.get(), "4 scripted failures, then the answer");
  }

  @Test
  void failsClearlyWhenRetriesRunOut() {
    for (int i = 0; i < 20; i++) {
      script.add("500");
    }
    Exception failure =
        assertThrows(Exception.class, () -> stage().setMaxRetries(2).transform(texts(5, 30).coalesce(1)).count());
    String message = messages(failure);
    assertTrue(message.contains("failed 3 times"), message);
    assertTrue(message.contains("had embedded 0 texts"), message);
    assertTrue(message.contains("HTTP 500"), message);
  }

  /**
   * A run whose API gives up part-way loses nothing already cached: the cache table keeps its rows (the failed append
   * commits nothing), and the next run asks the API only for the texts it never answered.
   */
  @Test
  void cachedVectorsSurviveAFailedRunAndAreNotAskedForAgain() {
    String cachePath = temp.resolve("embedding_cache").toString();
    EmbeddingCache cache = new EmbeddingCache(spark, cachePath);
    EmbeddingCache.Result first = cache.embed(texts(10, 30), "text", "m", embedder(stage()), "features");
    assertEquals(10, first.embedded());
    assertEquals(10, spark.read().format("delta").load(cachePath).count());

    for (int i = 0; i < 20; i++) {
      script.add("500");
    }
    Exception failure =
        assertThrows(Exception.class,
            () -> cache.embed(texts(15, 30), "text", "m", embedder(stage().setMaxRetries(1)), "features"));
    assertTrue(messages(failure).contains("HTTP 500"), messages(failure));
    assertEquals(10, spark.read().format("delta").load(cachePath).count(), "the cached vectors stay");

    script.clear();
    textsAnswered.set(0);
    EmbeddingCache.Result again = cache.embed(texts(15, 30), "text", "m", embedder(stage()), "features");
    assertEquals(10, again.hits());
    assertEquals(5, again.embedded());
    assertEquals(5, textsAnswered.get(), "only the 5 new texts were sent");
    assertEquals(15, again.featurized().count());
  }

  private static PipelineModel embedder(ApiEmbeddings stage) {
    return new PipelineModel("api", new Transformer[] {stage});
  }

  @Test
  void truncatesOverLongTextsAndCountsThem() {
    ApiEmbeddings stage = stage().setMaxChars(100);
    Dataset<Row> docs = texts(6, 300).union(texts(4, 24)).toDF();
    assertEquals(6, stage.truncatedCount(docs));
    assertEquals(10, stage.transform(docs).count());
    assertEquals(100, longestText.get());
  }

  @Test
  void savesAndLoadsWithItsSettingsButNoKey() throws Exception {
    String path = temp.resolve("api-model").toString();
    new PipelineModel("api", new Transformer[] {stage().setKeyEnv("MY_KEY_VAR")}).write().save(path);
    ApiEmbeddings loaded = (ApiEmbeddings) PipelineModel.load(path).stages()[0];
    assertEquals("MY_KEY_VAR", loaded.getOrDefault(loaded.keyEnv()));
    assertEquals(5, (int) (Integer) loaded.getOrDefault(loaded.textsPerRequest()));
    String saved = new String(java.nio.file.Files.readAllBytes(
        Path.of(path, "stages").toFile().listFiles()[0].toPath().resolve("metadata/part-00000")), StandardCharsets.UTF_8);
    assertTrue(saved.contains("MY_KEY_VAR"));
    assertNull(System.getenv("TEXTCLUSTER_TEST_KEY_THAT_IS_NOT_SET"));
  }

  private static String messages(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c.getMessage()).append(" | ");
    }
    return all.toString();
  }
}
