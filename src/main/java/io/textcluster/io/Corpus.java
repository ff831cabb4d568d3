package io.textcluster.io;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The documents of a run: columns {@code doc_id} (string), {@code text} (string, never empty), optionally
 * {@code label} (string), then the kept metadata columns under their own names.
 *
 * @param counts rows read, and how many were dropped or repaired on the way
 * @param inputVersion the Delta table version read, when the input is Delta
 * @param cachedInput the persisted rows behind {@code documents}, released by {@link #release()}
 */
public record Corpus(
    Dataset<Row> documents,
    boolean hasLabel,
    List<String> keptColumns,
    InputCounts counts,
    String inputDescription,
    Optional<Long> inputVersion,
    Dataset<Row> cachedInput) {

  /** Documents that go on to analysis: parsed, non-empty text, an id, one per id. */
  public long documentCount() {
    return counts.documents();
  }

  public long rowsRead() {
    return counts.rowsRead();
  }

  public long emptyTextRows() {
    return counts.emptyTextRows();
  }

  /** What the read stage found, for the console: rows read, dropped or repaired, and the documents left. */
  public String summary() {
    return String.format(java.util.Locale.ROOT,
        "%,d rows, %,d malformed dropped, %,d with empty text dropped, %,d without an id dropped, %,d repeating an "
            + "id dropped, %,d with invalid UTF-8 repaired, %,d documents", counts.rowsRead(), counts.malformedRows(),
        counts.emptyTextRows(), counts.missingIdRows(), counts.duplicateIdRows(), counts.invalidUtf8Rows(),
        documentCount());
  }

  /** Frees the cached input; call once the run no longer reads the documents. */
  public void release() {
    // Blocking: a run releases its corpus last, and the session may stop right after.
    cachedInput.unpersist(true);
  }
}
