package io.textcluster.describe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.textcluster.config.NamingConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names clusters by asking an OpenAI-compatible chat completions endpoint seed 000's question ("What do the following
 * customer reviews have in common?") over a few sampled documents and the cluster's keywords, at temperature 0 for a
 * short answer. Runs on the driver over k prompts only. Answers are cached by the prompt's SHA-256 in a Delta table of
 * the lake ({@link NamingCache}), so re-runs cost no requests and repeat their names; at most {@code maxRequests}
 * requests are sent per run, retries included; 429, 5xx, timeouts and connection failures are retried with exponential
 * backoff. Any failure left after that (no key, HTTP error, unreadable answer, cap reached) leaves that cluster's
 * keyword name, and the outcome says how many and why. The API key is read from the
 * named environment variable and goes only into the Authorization header: no message, log line or table holds it.
 */
public final class LlmClusterNamer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ANSWER_CHARS = 80;

  private static final Logger LOG = LoggerFactory.getLogger(LlmClusterNamer.class);

  private final NamingConfig config;
  private final NamingCache cache;
  private final Function<String, String> environment;
  private final HttpClient http;

  /** What naming did: the names (keyword names where it fell back), requests sent, fallbacks and their reasons. */
  public record Outcome(Map<Integer, String> names, int requests, int cached, int fallbacks, List<String> reasons) {}

  /** One cluster to name: its keyword name (the fallback), top keywords and sampled snippets. */
  public record Cluster(int clusterId, String keywordName, List<String> keywords, List<String> samples) {}

  /** @param environment looks up the key's variable ({@code Environment::variable} in the application) */
  public LlmClusterNamer(NamingConfig config, NamingCache cache, Function<String, String> environment) {
    this.config = config;
    this.cache = cache;
    this.environment = environment;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(config.timeoutSeconds())).build();
  }

  /** Seed 000's prompt shape, with the keywords added so short or noisy samples still get a fitting theme. */
  static String prompt(Cluster cluster) {
    return "What do the following customer reviews have in common?\n\nCustomer reviews:\n\"\"\"\n"
        + String.join("\n", cluster.samples())
        + "\n\"\"\"\n\nKeywords: "
        + String.join(", ", cluster.keywords())
        + "\n\nAnswer with a short theme of at most six words, nothing else.\n\nTheme:";
  }

  public Outcome name(List<Cluster> clusters) {
    Map<Integer, String> names = new LinkedHashMap<>();
    Map<String, Integer> reasons = new LinkedHashMap<>();
    int[] requests = {0};
    int cached = 0;
    int fallbacks = 0;
    Optional<String> key = apiKey();
    String keyMissing =
        key.isEmpty() && !config.apiKeyEnv().isEmpty()
            ? "the environment variable " + config.apiKeyEnv() + " (describe.llm.api-key-env) is not set"
            : null;
    Map<Integer, String> prompts = new LinkedHashMap<>();
    clusters.forEach(c -> prompts.put(c.clusterId(), prompt(c)));
    Map<String, String> known =
        cache.lookup(prompts.values().stream().map(LlmClusterNamer::sha256).toList(), config.model(), config.baseUrl());
    List<NamingCache.Entry> answered = new ArrayList<>();
    for (Cluster cluster : clusters) {
      String prompt = prompts.get(cluster.clusterId());
      String hash = sha256(prompt);
      Optional<String> answer = Optional.ofNullable(known.get(hash));
      if (answer.isPresent()) {
        cached++;
      } else if (keyMissing != null) {
        reasons.merge(keyMissing, 1, Integer::sum);
      } else if (requests[0] >= config.maxRequests()) {
        reasons.merge(capReached(), 1, Integer::sum);
      } else {
        try {
          answer = Optional.of(askWithRetries(prompt, key, requests));
          answered.add(new NamingCache.Entry(hash, answer.get()));
        } catch (NamingFailure failure) {
          reasons.merge(failure.getMessage(), 1, Integer::sum);
        }
      }
      if (answer.isPresent()) {
        names.put(cluster.clusterId(), answer.get());
      } else {
        names.put(cluster.clusterId(), cluster.keywordName());
        fallbacks++;
      }
    }
    try {
      cache.add(answered, config.model(), config.baseUrl());
    } catch (RuntimeException e) {
      // A cache that cannot be written costs requests next run, not this run's names.
      LOG.warn("LLM cluster names could not be cached ({}): {}", e.getClass().getSimpleName(), e.getMessage());
    }
    List<String> summary =
        reasons.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + "x)").toList();
    return new Outcome(names, requests[0], cached, fallbacks, summary);
  }

  private String capReached() {
    return "request cap describe.llm.max-requests = " + config.maxRequests() + " reached";
  }

  /**
   * Asks once, and again on 429, 5xx, timeouts and connection failures after an exponential backoff with jitter (so
   * a throttled endpoint is not hammered), at most {@code maxRetries} times. Every attempt counts against the request
   * cap, so the cap bounds what a run can cost.
   *
   * @param sent requests sent so far in this run; updated
   */
  private String askWithRetries(String prompt, Optional<String> key, int[] sent) {
    for (int attempt = 0; ; attempt++) {
      if (attempt > 0) {
        try {
          long ceiling = (long) config.initialBackoffMillis() << Math.min(attempt - 1, 16);
          Thread.sleep(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new NamingFailure("interrupted while retrying");
        }
      }
      sent[0]++;
      try {
        return ask(prompt, key);
      } catch (Retryable failure) {
        String tried = " (" + (attempt + 1) + (attempt == 0 ? " attempt" : " attempts") + ")";
        if (attempt >= config.maxRetries()) {
          throw new NamingFailure(failure.getMessage() + tried);
        }
        if (sent[0] >= config.maxRequests()) {
          throw new NamingFailure(failure.getMessage() + tried + ", then the " + capReached());
        }
      }
    }
  }

  private Optional<String> apiKey() {
    if (config.apiKeyEnv().isEmpty()) {
      return Optional.empty();
    }
    String value = environment.apply(config.apiKeyEnv());
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private String ask(String prompt, Optional<String> key) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", config.model());
    body.put("temperature", 0);
    body.put("max_tokens", 24);
    ObjectNode message = body.putArray("messages").addObject();
    message.put("role", "user");
    message.put("content", prompt);
    String endpoint = config.baseUrl().replaceAll("/+$", "") + "/chat/completions";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(endpoint))
            .timeout(Duration.ofSeconds(config.timeoutSeconds()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    key.ifPresent(k -> request.header("Authorization", "Bearer " + k));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new Retryable(endpoint + " did not answer within " + config.timeoutSeconds() + " s");
    } catch (IOException e) {
      // The exception's own text names only the host; the key travels in a header it never prints.
      throw new Retryable(endpoint + " could not be reached (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NamingFailure("interrupted while waiting for " + endpoint);
    }
    int status = response.statusCode();
    if (status == 429 || status >= 500) {
      throw new Retryable(endpoint + " answered HTTP " + status);
    }
    if (status != 200) {
      // The body is not quoted: some servers echo the request, headers included.
      throw new NamingFailure(endpoint + " answered HTTP " + status);
    }
    try {
      JsonNode content = JSON.readTree(response.body()).path("choices").path(0).path("message").path("content");
      String text = content.isTextual() ? clean(content.asText()) : "";
      if (text.isEmpty()) {
        throw new NamingFailure(endpoint + " answered without a message content");
      }
      return text;
    } catch (IOException e) {
      throw new NamingFailure(endpoint + " answered with a body that is not JSON");
    }
  }

  /** One line, without the quotes and trailing full stop models like to add, cut to a readable length. */
  static String clean(String answer) {
    String line = answer.strip().lines().findFirst().orElse("").strip();
    line = line.replaceAll("^(?i)theme:\\s*", "").replaceAll("^[\"'“「]+|[\"'”」。.]+$", "").strip();
    return line.length() > MAX_ANSWER_CHARS ? line.substring(0, MAX_ANSWER_CHARS).strip() : line;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Why one request gave no name; its message never contains the key. */
  private static class NamingFailure extends RuntimeException {
    NamingFailure(String message) {
      super(message);
    }
  }

  /** A failure worth another attempt: throttled (429), a server error (5xx), no answer in time, no connection. */
  private static final class Retryable extends NamingFailure {
    Retryable(String message) {
      super(message);
    }
  }
}
