package io.textcluster.describe;

import java.io.Serializable;

/** A term and its class-based TF-IDF score within one cluster. */
public record Keyword(String term, double score) implements Serializable {}
