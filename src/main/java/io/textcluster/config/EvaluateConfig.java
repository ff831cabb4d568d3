package io.textcluster.config;

/**
 * Which metrics are computed beyond the always-on ones, and the sample the pairwise ones (silhouette, Dunn) use:
 * {@code sampleSize} documents chosen by a hash seeded with {@code sampleSeed}.
 */
public record EvaluateConfig(boolean silhouette, int sampleSize, long sampleSeed) {}
