package io.textcluster.job;

import io.textcluster.io.Corpus;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The features stage's result: the corpus read, its documents with their feature columns (persisted; released by the
 * run), how many there are, the fitted feature stages, and what was built, in words and figures.
 */
record Featurized(
    Corpus corpus,
    Dataset<Row> documents,
    long count,
    PipelineModel model,
    String description,
    Map<String, Double> metrics) {}
