package io.textcluster.config;

/**
 * How much of each cluster is described: keywords (optionally with bigrams), representative documents and their
 * snippets, a seeded random sample of documents, and the top values of categorical kept columns.
 */
public record DescribeConfig(
    int keywords,
    int representatives,
    int snippetChars,
    boolean bigrams,
    int samples,
    long sampleSeed,
    int topValues,
    int vocabularyLabels,
    NamingConfig naming) {}
