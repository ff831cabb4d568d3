package io.textcluster.config;

/**
 * How much of each cluster is described: keywords (optionally with bigrams), representative documents and their
 * snippets, a seeded random sample of documents, the top values of categorical kept columns, seed 002's vocabulary
 * labels ({@code labelVocabularySize} bounds the terms they are chosen from in embedding runs) and how clusters are
 * named.
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
    int labelVocabularySize,
    NamingConfig naming) {}
