package io.textcluster.io;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.instr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.textcluster.config.InputConfig;
import org.apache.spark.sql.Column;
import io.textcluster.config.TextClusterException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What one pass over the input found, from a single aggregation: rows read; rows that do not parse (malformed, per
 * input.malformed); rows with empty text (dropped); rows without an id (per input.missing-ids); rows repeating an id
 * (dropped or fatal, per input.duplicate-ids); rows whose bytes were not valid UTF-8 (kept; the decoder put U+FFFD in
 * place of the bad bytes).
 */
public record InputCounts(
    long rowsRead, long emptyTextRows, long duplicateIdRows, long invalidUtf8Rows, long missingIdRows,
    long malformedRows) {

  /** The rows that go on to analysis: parsed, with text and an id, one per id. */
  public long documents() {
    return rowsRead - malformedRows - emptyTextRows - missingIdRows - duplicateIdRows;
  }

  static InputCounts of(Dataset<Row> shaped, InputConfig input) {
    Column parsed = col(CorpusReader.CORRUPT).isNull();
    Column withText = parsed.and(col(CorpusReader.HAS_TEXT));
    Row row =
        shaped
            .agg(
                count(lit(1)),
                sum(when(parsed.and(not(col(CorpusReader.HAS_TEXT))), 1).otherwise(0)),
                countDistinct(when(withText, col(Columns.DOC_ID))),
                sum(when(instr(col(Columns.TEXT), "\uFFFD").gt(0), 1).otherwise(0)),
                sum(when(withText.and(col(Columns.DOC_ID).isNull()), 1).otherwise(0)),
                sum(when(parsed, 0).otherwise(1)))
            .first();
    long rows = row.getLong(0);
    long empty = row.isNullAt(1) ? 0 : row.getLong(1);
    if (rows == 0) {
      throw new TextClusterException(
          "The input " + input.describe() + " has no rows; check 'input.path' (and that the folder holds data files).");
    }
    long malformed = row.isNullAt(5) ? 0 : row.getLong(5);
    if (empty == rows - malformed && malformed < rows) {
      throw new TextClusterException(
          "All " + empty + " rows of " + input.describe() + " have empty text in " + input.textColumns()
              + "; check 'input.text-columns'.");
    }
    long distinctIds = row.getLong(2);
    long invalid = row.isNullAt(3) ? 0 : row.getLong(3);
    long missing = row.isNullAt(4) ? 0 : row.getLong(4);
    return new InputCounts(rows, empty, rows - malformed - empty - missing - distinctIds, invalid, missing, malformed);
  }
}
