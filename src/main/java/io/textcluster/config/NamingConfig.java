package io.textcluster.config;

/**
 * How clusters are named: {@code keywords} (offline, the top keywords) or {@code llm} (an OpenAI-compatible chat
 * completions endpoint). The API key is never part of the config: {@code apiKeyEnv} names the environment variable
 * that holds it (empty: send no key, as local servers accept).
 */
public record NamingConfig(
    String method, String baseUrl, String model, String apiKeyEnv, int maxRequests, int timeoutSeconds,
    int maxRetries, int initialBackoffMillis, String cachePath) {
  public static final String KEYWORDS = "keywords";
  public static final String LLM = "llm";

  public boolean usesLlm() {
    return method.equals(LLM);
  }
}
