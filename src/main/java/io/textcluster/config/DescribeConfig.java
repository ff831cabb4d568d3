package io.textcluster.config;

/** How much of each cluster is described: keywords, representative documents and their snippets. */
public record DescribeConfig(int keywords, int representatives, int snippetChars) {}
