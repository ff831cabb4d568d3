package io.textcluster.io;

import static org.apache.spark.sql.functions.col;

import io.textcluster.config.InputConfig;
import io.textcluster.config.TextClusterException;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Checks of the input before any clustering work, each failing with one line that names the problem and the key that
 * fixes it: text columns that do not hold text, rows that do not parse (input.malformed), rows without an id
 * (input.missing-ids).
 */
final class InputChecks {
  private static final int SHOWN_CHARS = 120;

  private InputChecks() {}

  /**
   * A text column must hold strings: a struct, array or map would be clustered on its printed form, and a number or
   * date has no words. Refused by name and type rather than silently converted.
   */
  static void requireStringText(StructType schema, InputConfig input) {
    for (String column : input.textColumns()) {
      for (StructField field : schema.fields()) {
        if (field.name().equalsIgnoreCase(column) && !field.dataType().equals(DataTypes.StringType)) {
          throw new TextClusterException(
              "'input.text-columns' names '" + field.name() + "', a " + field.dataType().simpleString() + " column: "
                  + "text columns must hold text (strings). Name the text column(s) in 'input.text-columns'; a "
                  + "numeric column belongs in 'input.keep-columns' (or 'features.columns' with features.type = "
                  + "columns).");
        }
      }
    }
  }

  /** Applies input.malformed and input.missing-ids to what {@link InputCounts} found. */
  static void applyPolicies(Dataset<Row> shaped, InputCounts counts, InputConfig input) {
    long usable = counts.rowsRead() - counts.malformedRows();
    if (counts.malformedRows() > 0 && (input.malformed().equals(InputConfig.FAIL) || usable == 0)) {
      List<Row> first = shaped.where(col(CorpusReader.CORRUPT).isNotNull()).select(CorpusReader.CORRUPT).takeAsList(1);
      String shown = first.isEmpty() || first.get(0).isNullAt(0) ? "" : first.get(0).getString(0).strip();
      if (shown.length() > SHOWN_CHARS) {
        shown = shown.substring(0, SHOWN_CHARS) + "...";
      }
      throw new TextClusterException(
          counts.malformedRows() + " of " + counts.rowsRead() + " rows of " + input.describe() + " do not parse as "
              + input.format() + " (the first: \"" + shown.replace('\n', ' ') + "\"). "
              + (usable == 0 ? "Check 'input.format' and the 'input.csv.*' settings."
                  : "Fix them, or set input.malformed = drop to count and skip them."));
    }
    if (counts.missingIdRows() > 0 && input.missingIds().equals(InputConfig.FAIL)) {
      throw new TextClusterException(
          counts.missingIdRows() + " rows have no id in 'input.id-column' (" + input.idColumn().orElse("") + " is null "
              + "or blank). Fix the input, or set input.missing-ids = drop to count and skip them.");
    }
    if (counts.documents() == 0) {
      throw new TextClusterException(
          "No document of " + input.describe() + " can be clustered: of " + counts.rowsRead() + " rows, "
              + counts.malformedRows() + " do not parse, " + counts.emptyTextRows() + " have empty text and "
              + counts.missingIdRows() + " have no id. Check 'input.text-columns' and 'input.id-column'.");
    }
  }
}
