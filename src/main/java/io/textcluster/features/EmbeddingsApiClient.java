package io.textcluster.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One OpenAI-compatible {@code POST <base-url>/embeddings} call for many texts, retried on 429, 5xx and timeouts
 * with exponential backoff and full jitter (so many tasks that were throttled together do not retry together).
 */
final class EmbeddingsApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI endpoint;
  private final String model;
  private final String key;
  private final Duration timeout;
  private final int maxRetries;
  private final long initialBackoffMillis;

  EmbeddingsApiClient(
      String baseUrl, String model, String key, int timeoutSeconds, int maxRetries, long initialBackoffMillis) {
    this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/embeddings");
    this.model = model;
    // A key read from a file often ends in a newline, which no header may hold (and an invalid header's error could
    // quote it).
    this.key = key == null || key.isBlank() ? null : key.trim();
    this.timeout = Duration.ofSeconds(timeoutSeconds);
    this.maxRetries = maxRetries;
    this.initialBackoffMillis = initialBackoffMillis;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Thrown when a request cannot succeed; the message says why (last status or error) and after how many tries. */
  static final class ApiFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ApiFailure(String message) {
      super(message);
    }
  }

  /** The vectors of {@code texts}, in their order. */
  double[][] embed(List<String> texts) throws InterruptedException {
    String body = requestBody(texts);
    String lastProblem = "";
    for (int attempt = 0; attempt <= maxRetries; attempt++) {
      if (attempt > 0) {
        Thread.sleep(backoffMillis(attempt));
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(endpoint)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      if (key != null) {
        request.header("Authorization", "Bearer " + key);
      }
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (HttpTimeoutException e) {
        lastProblem = "timed out after " + timeout.toSeconds() + " s";
        continue;
      } catch (IOException e) {
        lastProblem = "connection failed: " + e.getMessage();
        continue;
      }
      int status = response.statusCode();
      if (status == 200) {
        return parse(response.body(), texts.size());
      }
      lastProblem = "HTTP " + status + " " + snippet(response.body());
      if (status != 429 && status < 500) {
        throw new ApiFailure(endpoint + " refused the request: " + lastProblem + " (not retried: fix the request "
            + "settings, the model name or the key)");
      }
    }
    throw new ApiFailure(
        endpoint + " failed " + (maxRetries + 1) + " times for a request of " + texts.size() + " texts; last: "
            + lastProblem + ". Raise 'features.embedding.api.max-retries' or lower 'concurrency'.");
  }

  private long backoffMillis(int attempt) {
    long ceiling = initialBackoffMillis << Math.min(attempt - 1, 16);
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }

  private String requestBody(List<String> texts) {
    ObjectNode root = JSON.createObjectNode();
    root.put("model", model);
    ArrayNode input = root.putArray("input");
    texts.forEach(input::add);
    return root.toString();
  }

  private double[][] parse(String body, int expected) {
    try {
      JsonNode data = JSON.readTree(body).path("data");
      if (!data.isArray() || data.size() != expected) {
        throw new ApiFailure(endpoint + " answered " + data.size() + " vectors for " + expected + " texts");
      }
      double[][] vectors = new double[expected][];
      for (int i = 0; i < expected; i++) {
        JsonNode item = data.get(i);
        int index = item.path("index").asInt(i);
        JsonNode embedding = item.path("embedding");
        double[] v = new double[embedding.size()];
        for (int j = 0; j < v.length; j++) {
          v[j] = embedding.get(j).asDouble();
        }
        vectors[index] = v;
      }
      return vectors;
    } catch (IOException e) {
      throw new ApiFailure(endpoint + " answered something that is not embeddings JSON: " + snippet(body));
    }
  }

  /**
   * The start of a server's answer, for the failure message. Some servers echo the request, Authorization header
   * included, into an error body: the key is blanked before the text can reach an exception, a log or the runs table.
   */
  private String snippet(String body) {
    String s = body == null ? "" : body;
    if (key != null) {
      s = s.replace(key, "[redacted]");
    }
    s = s.replaceAll("\\s+", " ");
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
