package io.textcluster.job;

import java.sql.Timestamp;
import java.util.Map;

/**
 * One row of the runs table: what ran, on what, how it went, and every metric. {@code predictedFromRun} names the
 * fitted run whose saved model assigned this run's documents (textcluster predict); null for a fitting run.
 */
record RunRecord(
    String runId,
    String status,
    Timestamp startedAt,
    Timestamp finishedAt,
    String configJson,
    String input,
    String inputFormat,
    Long inputDeltaVersion,
    long rowsRead,
    long rowsEmptyText,
    long rowsDuplicateId,
    long rowsInvalidUtf8,
    long rowsWithoutTerms,
    long documents,
    String features,
    String algorithm,
    int k,
    Map<String, Double> metrics,
    Map<String, Double> stageSeconds,
    Map<String, String> versions,
    String error,
    String predictedFromRun) {

  static final String RUNNING = "running";
  static final String SUCCEEDED = "succeeded";
  static final String FAILED = "failed";
}
