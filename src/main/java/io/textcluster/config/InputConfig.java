package io.textcluster.config;

import java.util.List;
import java.util.Optional;

/** Where the corpus is and which of its columns are the id, the text, the label and the metadata to keep. */
public record InputConfig(
    List<String> paths,
    Optional<String> table,
    String format,
    Optional<Long> deltaVersion,
    Optional<String> deltaTimestamp,
    boolean csvHeader,
    boolean csvMultiLine,
    String csvDelimiter,
    String csvEncoding,
    Optional<String> idColumn,
    List<String> textColumns,
    Optional<String> textTemplate,
    Optional<String> labelColumn,
    List<String> keepColumns,
    String duplicateIds,
    String missingIds,
    String malformed,
    // issue 19: text columns with their own language are analysed from the rows, under TextColumns.carried(i).
    boolean carryTextColumns) {

  /** input.missing-ids and input.malformed: drop (and count) such rows, or stop the run naming them. */
  public static final String DROP = "drop";
  public static final String FAIL = "fail";

  public static final List<String> FORMATS = List.of("csv", "json", "parquet", "delta");

  /** A short description of the input for logs and the runs table. */
  public String describe() {
    return table.map(t -> format + " table " + t).orElse(format + " " + String.join(", ", paths));
  }
}
