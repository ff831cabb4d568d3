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
    EmbeddingConfig embedding) {
  public static final String TFIDF = "tfidf";
  public static final String EMBEDDING = "embedding";
  public static final String COUNT_VOCABULARY = "count";
  public static final String HASHING_VOCABULARY = "hashing";
}
