package io.textcluster.config;

/** How documents become vectors. */
public record FeaturesConfig(
    String type,
    String vocabulary,
    int vocabularySize,
    double minDocFreq,
    double maxDocFreq,
    int hashingBuckets,
    boolean lsaEnabled,
    int lsaDimensions,
    EmbeddingConfig embedding,
    java.util.List<String> columns) {
  public static final String TFIDF = "tfidf";
  public static final String EMBEDDING = "embedding";
  /** Numeric input columns assembled into the features vector (seed 004's digits), no text analysis. */
  public static final String COLUMNS = "columns";
  public static final String COUNT_VOCABULARY = "count";
  public static final String HASHING_VOCABULARY = "hashing";
}
