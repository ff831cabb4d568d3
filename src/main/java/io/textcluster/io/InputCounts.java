package io.textcluster.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.instr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.textcluster.config.InputConfig;
import io.textcluster.config.TextClusterException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What one pass over the input found: rows read, rows with empty text (dropped), rows repeating an id (dropped or
 * fatal, per input.duplicate-ids), rows whose bytes were not valid UTF-8 (kept; the decoder put U+FFFD in place of
 * the bad bytes). All from a single aggregation.
 */
public record InputCounts(long rowsRead, long emptyTextRows, long duplicateIdRows, long invalidUtf8Rows) {

  static InputCounts of(Dataset<Row> shaped, InputConfig input) {
    Row row =
        shaped
            .agg(
                count(lit(1)),
                sum(when(col(CorpusReader.HAS_TEXT), 0).otherwise(1)),
                countDistinct(when(col(CorpusReader.HAS_TEXT), col(Corpus.DOC_ID))),
                sum(when(instr(col(Corpus.TEXT), "\uFFFD").gt(0), 1).otherwise(0)))
            .first();
    long rows = row.getLong(0);
    long empty = row.isNullAt(1) ? 0 : row.getLong(1);
    if (rows == 0) {
      throw new TextClusterException(
          "The input " + input.describe() + " has no rows; check 'input.path' (and that the folder holds data files).");
    }
    if (empty == rows) {
      throw new TextClusterException(
          "All " + rows + " rows of " + input.describe() + " have empty text in " + input.textColumns()
              + "; check 'input.text-columns'.");
    }
    long distinctIds = row.getLong(2);
    long invalid = row.isNullAt(3) ? 0 : row.getLong(3);
    return new InputCounts(rows, empty, rows - empty - distinctIds, invalid);
  }
}
