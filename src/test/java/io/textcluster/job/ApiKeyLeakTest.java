package io.textcluster.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.ConfigFactory;
import io.textcluster.config.Environment;
import io.textcluster.config.JobConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.support.SmallCorpus;
import io.textcluster.support.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A planted API key, given to the embeddings provider and the LLM naming endpoint through the environment variables
 * the config names, appears nowhere a user, an operator or an attacker could read it: not in any log line (all of
 * log4j at INFO, textcluster at DEBUG, and the console streams), not in any Delta table of the lake (every column as
 * text), not in the HTML report, the saved model or any other file under the lake, and not in the messages or stack
 * traces of the failures that local servers answering 401 and 500 (and echoing the request's Authorization header back
 * in their error bodies, as some proxies do) provoke. The servers also check that the key arrives only as
 * {@code Authorization: Bearer <key>}: never in a URL, another header or a request body.
 */
@SparkTest
class ApiKeyLeakTest {
  private static final String KEY = "sk-planted-" + UUID.randomUUID().toString().replace("-", "");
  private static final String EMBED_VAR = "TEXTCLUSTER_TEST_EMBEDDINGS_KEY";
  private static final String LLM_VAR = "TEXTCLUSTER_TEST_NAMING_KEY";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SparkSession spark;
  @TempDir Path dir;
  private final ConcurrentLinkedQueue<String> authorizations = new ConcurrentLinkedQueue<>();
  /** Everything else each request carried: method, URI, every other header, the body. */
  private final ConcurrentLinkedQueue<String> elsewhere = new ConcurrentLinkedQueue<>();

  ApiKeyLeakTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void aPlantedKeyIsSentOnlyAsBearerAndAppearsInNoLogTableReportModelOrException() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/ok/v1/embeddings", e -> answer(e, 200, embeddings(e)));
    // The naming endpoint refuses its first request (401, echoing the header) and answers the others: one run then
    // both fills the naming cache and falls back for one cluster.
    AtomicInteger namingRequests = new AtomicInteger();
    server.createContext(
        "/ok/v1/chat/completions",
        e -> {
          if (namingRequests.getAndIncrement() == 0) {
            answer(e, 401, echo(e));
          } else {
            answer(e, 200, name(e));
          }
        });
    // Error bodies quote the Authorization header back, the worst a server can do.
    server.createContext("/denied/", e -> answer(e, 401, echo(e)));
    server.createContext("/broken/", e -> answer(e, 500, echo(e)));
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();

    Path csv = SmallCorpus.write(dir.resolve("corpus.csv"), 60, 11);
    Path lake = dir.resolve("lake");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream consoleStream = new PrintStream(console, true, StandardCharsets.UTF_8);
    List<Throwable> failures = new ArrayList<>();
    StringBuilder logs = new StringBuilder();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream streams = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(streams, true, StandardCharsets.UTF_8);
    Level rootLevel = LogManager.getRootLogger().getLevel();
    Level ownLevel = LogManager.getLogger("io.textcluster").getLevel();
    CapturingAppender appender = CapturingAppender.attach(logs);
    try (Environment.Scope keys = Environment.withVariables(Map.of(EMBED_VAR, KEY, LLM_VAR, KEY))) {
      System.setOut(tee);
      System.setErr(tee);
      Configurator.setRootLevel(Level.INFO);
      Configurator.setLevel("io.textcluster", Level.DEBUG);

      // 1. Embeddings and names from servers that answer (one naming request refused): the tables fill, the key
      // is used, one cluster keeps its keyword name and the console says why.
      JobConfig answered = config(csv, lake, base + "/ok/v1", "model-a", base + "/ok/v1");
      answered.requireApiKeys(Environment::variable);
      TextClusteringJob.run(spark, answered, "ok", consoleStream);
      // 2. and 3. Embeddings refused (401, not retried) and broken (500, retried, then failing): failed runs.
      String[][] failingRuns = {{"/denied/v1", "embeddings-denied"}, {"/broken/v1", "embeddings-broken"}};
      for (String[] failing : failingRuns) {
        JobConfig config = config(csv, lake, base + failing[0], "model-" + failing[1], base + "/ok/v1");
        failures.add(
            assertThrows(
                TextClusterException.class, () -> TextClusteringJob.run(spark, config, failing[1], consoleStream)));
      }
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
      appender.detach();
      Configurator.setRootLevel(rootLevel);
      Configurator.setLevel("io.textcluster", ownLevel);
      server.stop(0);
    }

    // The key was really in play: every request carried it, as a bearer token and nowhere else.
    assertTrue(authorizations.size() >= 8, authorizations.size() + " requests");
    assertTrue(authorizations.stream().allMatch(("Bearer " + KEY)::equals), "every request: Authorization: Bearer");
    assertFalse(String.join("\n", elsewhere).contains(KEY), "the key in a URL, another header or a body");
    String printed = console.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("keep their keyword names") && printed.contains("HTTP 401"), printed);

    // Logs and console streams.
    String captured = logs.toString() + streams.toString(StandardCharsets.UTF_8) + printed;
    assertTrue(logs.length() > 0 && captured.contains("HTTP 500"), "the failures were logged: " + captured.length());
    assertNoKey("logs and console", captured);

    // Exceptions: messages and full stack traces (causes and suppressed included), as an unexpected error prints.
    StringWriter traces = new StringWriter();
    for (Throwable failure : failures) {
      failure.printStackTrace(new PrintWriter(traces));
    }
    assertTrue(traces.toString().contains("HTTP 401") && traces.toString().contains("HTTP 500"), traces.toString());
    assertTrue(traces.toString().contains("[redacted]"), "the echoed key was blanked, not the whole body dropped");
    assertNoKey("exceptions", traces.toString());

    // Every Delta table of the lake, every column as text; then every file under the lake, byte for byte (Delta
    // logs, Parquet, the HTML report, the saved models' metadata).
    List<Path> tables;
    try (Stream<Path> walk = Files.walk(lake)) {
      tables = walk.filter(p -> Files.isDirectory(p.resolve("_delta_log"))).toList();
    }
    List<String> names = tables.stream().map(p -> p.getFileName().toString()).sorted().toList();
    assertTrue(names.containsAll(List.of("assignments", "clusters", "embedding_cache", "naming_cache", "runs")),
        names.toString());
    for (Path table : tables) {
      List<String> rows = spark.read().format("delta").load(table.toString()).toJSON().collectAsList();
      assertFalse(rows.isEmpty(), table + " is empty");
      assertNoKey("table " + table.getFileName(), String.join("\n", rows));
    }
    String runs = String.join("\n", spark.read().format("delta").load(lake.resolve("runs").toString()).toJSON()
        .collectAsList());
    assertTrue(runs.contains(EMBED_VAR) && runs.contains("HTTP 500"), "runs hold the variable's name and the errors: "
        + runs);
    assertEquals(2, spark.read().format("delta").load(lake.resolve("runs").toString())
        .filter("status = 'failed' AND error LIKE '%The embeddings API failed%'").count(), runs);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(lake)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertTrue(files.stream().anyMatch(p -> p.toString().endsWith("reports/ok.html")), "the report was written");
    assertTrue(files.stream().anyMatch(p -> p.toString().contains("models/ok/") && p.toString().contains("metadata")),
        "the model was saved");
    for (Path file : files) {
      // Latin-1 maps every byte to one character, so the key is found in any file that holds it uncompressed.
      assertNoKey(file.toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
    }
  }

  private static void assertNoKey(String where, String text) {
    assertFalse(text.contains(KEY), "the API key appears in " + where);
    // A key cut or wrapped by a log layout still gives itself away by its random part.
    assertFalse(text.contains(KEY.substring(11, 27)), "part of the API key appears in " + where);
  }

  private JobConfig config(Path csv, Path lake, String embeddingsUrl, String model, String namingUrl) {
    String hocon =
        SmallCorpus.config(csv, lake, 3)
            + "features { type = embedding, embedding { provider = api, cache.enabled = true, api {\n"
            + "  base-url = \"" + embeddingsUrl + "\", model = \"" + model + "\", key-env = " + EMBED_VAR + "\n"
            + "  texts-per-request = 16, max-retries = 2, initial-backoff-ms = 5, timeout-seconds = 5 } } }\n"
            + "describe { naming = llm, llm { base-url = \"" + namingUrl + "\", model = test-llm, api-key-env = "
            + LLM_VAR + " } }\n"
            + "report { map-points = 30, tsne-iterations = 50 }\n"
            // Not about keys, and each costs Spark jobs: off, to keep the test light.
            + "evaluate.silhouette = false\ndescribe { vocabulary-labels = 0, top-values = 0 }\n";
    return JobConfig.fromConfig(ConfigFactory.parseString(hocon), dir);
  }

  /** Records where the key travelled, then answers. */
  private void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private String read(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    StringBuilder rest = new StringBuilder(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n");
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("Authorization")) {
        rest.append(name).append(": ").append(values).append('\n');
      }
    });
    elsewhere.add(rest.append(body).toString());
    return body;
  }

  private String echo(HttpExchange exchange) throws IOException {
    read(exchange);
    return "{\"error\":{\"message\":\"rejected Authorization: "
        + exchange.getRequestHeaders().getFirst("Authorization") + "\"}}";
  }

  /** A chat answer naming the cluster after the first keyword of its prompt. */
  private String name(HttpExchange exchange) throws IOException {
    String prompt = JSON.readTree(read(exchange)).path("messages").path(0).path("content").asText();
    String keyword = prompt.replaceAll("(?s).*Keywords: ([^,\\n]+).*", "$1");
    ObjectNode body = JSON.createObjectNode();
    body.putArray("choices").addObject().putObject("message").put("role", "assistant").put("content", "All " + keyword);
    return body.toString();
  }

  private String embeddings(HttpExchange exchange) throws IOException {
    JsonNode input = JSON.readTree(read(exchange)).path("input");
    ArrayNode data = JSON.createArrayNode();
    for (int i = 0; i < input.size(); i++) {
      ObjectNode item = data.addObject();
      item.put("index", i);
      ArrayNode vector = item.putArray("embedding");
      // Text-dependent, so the documents spread; the three topics' words give three directions.
      String text = input.get(i).asText();
      vector.add(count(text, "match") + count(text, "goal") + 0.1);
      vector.add(count(text, "market") + count(text, "bank") + 0.1);
      vector.add(count(text, "software") + count(text, "phone") + 0.1);
      vector.add((text.hashCode() & 7) / 10.0);
    }
    ObjectNode body = JSON.createObjectNode();
    body.set("data", data);
    return body.toString();
  }

  private static int count(String text, String word) {
    return text.split(word, -1).length - 1;
  }

  /** Every log event's message and stack trace, appended as text. */
  private static final class CapturingAppender extends AbstractAppender {
    private final StringBuilder sink;

    private CapturingAppender(StringBuilder sink) {
      super("api-key-leak-capture", null, null, true, Property.EMPTY_ARRAY);
      this.sink = sink;
    }

    static CapturingAppender attach(StringBuilder sink) {
      CapturingAppender appender = new CapturingAppender(sink);
      appender.start();
      LoggerContext context = (LoggerContext) LogManager.getContext(false);
      Configuration config = context.getConfiguration();
      config.getRootLogger().addAppender(appender, Level.ALL, null);
      context.updateLoggers();
      return appender;
    }

    void detach() {
      LoggerContext context = (LoggerContext) LogManager.getContext(false);
      LoggerConfig root = context.getConfiguration().getRootLogger();
      root.removeAppender(getName());
      context.updateLoggers();
      stop();
    }

    @Override
    public void append(LogEvent event) {
      StringWriter text = new StringWriter();
      text.append(event.getLevel().name()).append(' ').append(event.getLoggerName()).append(": ")
          .append(event.getMessage().getFormattedMessage()).append('\n');
      if (event.getThrown() != null) {
        event.getThrown().printStackTrace(new PrintWriter(text));
      }
      synchronized (sink) {
        sink.append(text);
      }
    }
  }
}
