package io.textcluster.job;

import io.textcluster.config.TextClusterException;

/**
 * What a failed run reports. A stage that fails inside a Spark task (the embeddings API giving up, a bad vector in a
 * precomputed column) throws its clear {@link TextClusterException} on an executor; Spark hands it to the driver
 * wrapped in a {@code SparkException} ("Job aborted due to stage failure: ... most recent failure: ...", a checked
 * exception Scala throws undeclared). The user gets the task's own message back as a TextClusterException, with the
 * Spark failure kept as its cause; any other failure is reported as it is.
 */
final class RunFailure {
  private RunFailure() {}

  static RuntimeException of(Exception failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof TextClusterException clear) {
        if (t == failure) {
          return clear;
        }
        return new TextClusterException(clear.getMessage(), failure);
      }
    }
    return failure instanceof RuntimeException unchecked
        ? unchecked
        : new IllegalStateException("The run failed: " + failure.getMessage(), failure);
  }
}
