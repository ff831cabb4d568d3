package io.textcluster.io;

import java.sql.Timestamp;
import java.util.Map;

/**
 * One row of the runs table: what ran, on what, how it went, and every metric. {@code predictedFromRun} names the
 * fitted run whose saved model assigned this run's documents (textcluster predict); null for a fitting run.
 */
public record RunRecord(
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
    String predictedFromRun,
    int attempt,
    Integer currentAttempt,
    String lastAttemptStatus,
    String lastFailure,
    long rowsMissingId,
    long rowsMalformed) {

  public static final String RUNNING = "running";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";

  /**
   * The row for a run over {@code corpus} (null before the read stage ends), in its state {@code status}. What the two
   * jobs differ in (features, algorithm, k, the run predicted from) comes in {@code model}.
   */
  public static RunRecord of(
      String runId,
      String status,
      Timestamp startedAt,
      io.textcluster.config.JobConfig config,
      io.textcluster.io.Corpus corpus,
      boolean featured,
      long documents,
      Model model,
      Map<String, Double> metrics,
      Map<String, Double> stageSeconds,
      Map<String, String> versions,
      String error) {
    boolean finished = !status.equals(RUNNING);
    return new RunRecord(
        runId,
        status,
        startedAt,
        finished ? new Timestamp(System.currentTimeMillis()) : null,
        config.redactedJson(),
        config.input().describe(),
        config.input().format(),
        corpus == null ? null : corpus.inputVersion().orElse(null),
        corpus == null ? 0 : corpus.rowsRead(),
        corpus == null ? 0 : corpus.emptyTextRows(),
        corpus == null ? 0 : corpus.counts().duplicateIdRows(),
        corpus == null ? 0 : corpus.counts().invalidUtf8Rows(),
        corpus == null || !featured ? 0 : corpus.documentCount() - documents,
        documents,
        model.features(),
        model.algorithm(),
        model.k(),
        metrics,
        stageSeconds,
        versions,
        error,
        model.predictedFromRun(),
        1,
        status.equals(SUCCEEDED) ? 1 : null,
        status,
        error,
        corpus == null ? 0 : corpus.counts().missingIdRows(),
        corpus == null ? 0 : corpus.counts().malformedRows());
  }

  /**
   * This row as attempt {@code attempt} of its run id: the attempt whose rows are in the tables (this one if it
   * succeeded, else none) and the last failure known for the run id (this one's, or an earlier attempt's).
   */
  public RunRecord asAttempt(int attempt, String earlierFailure) {
    return new RunRecord(runId, status, startedAt, finishedAt, configJson, input, inputFormat, inputDeltaVersion,
        rowsRead, rowsEmptyText, rowsDuplicateId, rowsInvalidUtf8, rowsWithoutTerms, documents, features, algorithm,
        k, metrics, stageSeconds, versions, error, predictedFromRun, attempt, status.equals(SUCCEEDED) ? attempt : null,
        status, error != null ? error : earlierFailure, rowsMissingId, rowsMalformed);
  }

  /** How a run's documents got their clusters: its features, algorithm and k, and the run it predicted from if any. */
  public record Model(String features, String algorithm, int k, String predictedFromRun) {}
}
