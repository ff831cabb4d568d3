package io.textcluster.io;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The documents of a run: columns {@code doc_id} (string), {@code text} (string, never empty), optionally
 * {@code label} (string), then the kept metadata columns under their own names.
 *
 * @param rowsRead rows in the input
 * @param emptyTextRows rows dropped because all their text columns were empty
 * @param inputVersion the Delta table version read, when the input is Delta
 * @param cachedInput the persisted rows behind {@code documents}, released by {@link #release()}
 */
public record Corpus(
    Dataset<Row> documents,
    boolean hasLabel,
    List<String> keptColumns,
    long rowsRead,
    long emptyTextRows,
    String inputDescription,
    Optional<Long> inputVersion,
    Dataset<Row> cachedInput) {

  public static final String DOC_ID = "doc_id";
  public static final String TEXT = "text";
  public static final String LABEL = "label";

  public long documentCount() {
    return rowsRead - emptyTextRows;
  }

  /** Frees the cached input; call once the run no longer reads the documents. */
  public void release() {
    cachedInput.unpersist();
  }
}
