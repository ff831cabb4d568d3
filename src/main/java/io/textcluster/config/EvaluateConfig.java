package io.textcluster.config;

/** Which metrics are computed beyond the always-on ones. */
public record EvaluateConfig(boolean silhouette) {}
