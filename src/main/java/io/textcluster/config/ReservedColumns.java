package io.textcluster.config;

import io.textcluster.schema.Columns;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Kept input columns may not carry a name textcluster writes itself: the pipeline would overwrite the user's column or
 * Spark would fail later with an ambiguous-reference error. Checked once, before Spark starts, for every name the
 * documents and the assignments table carry (Spark compares names case-insensitively, so this does too).
 */
final class ReservedColumns {
  /** Names the pipeline writes on every run (schema/Columns and the columns the stages and tables add). */
  private static final List<String> ALWAYS = List.of(
      Columns.DOC_ID, Columns.TEXT, Columns.LABEL, Columns.TOKENS, Columns.TFIDF, Columns.FEATURES,
      Columns.CLUSTER_ID, Columns.DISTANCE, Columns.PROBABILITY,
      "run_id", "probabilities", "squared_error", "term_counts",
      "map_x", "map_y", "tsne_x", "tsne_y", "umap_x", "umap_y", "map_text");

  private ReservedColumns() {}

  /** The names this run writes: {@link #ALWAYS}, and language when text.language = auto stores detected languages. */
  static List<String> of(TextConfig text) {
    List<String> names = new ArrayList<>(ALWAYS);
    if (text.writesLanguage()) {
      names.add(Columns.LANGUAGE);
    }
    return names;
  }

  /** Refuses a kept column (input.keep-columns, or input.time-column, which is kept too) named like a run's own. */
  static void check(List<String> keepColumns, java.util.Optional<String> timeColumn, TextConfig text) {
    List<String> reserved = of(text);
    List<String> kept = new ArrayList<>(keepColumns);
    timeColumn.filter(t -> !keepColumns.contains(t)).ifPresent(kept::add);
    for (String name : kept) {
      if (!reserved.contains(name.toLowerCase(Locale.ROOT))) {
        continue;
      }
      String key = keepColumns.contains(name) ? "input.keep-columns" : "input.time-column";
      String why = name.equalsIgnoreCase(Columns.LANGUAGE)
          ? "text.language = auto stores each document's detected language under that name"
          : "textcluster writes its own column of that name";
      throw new InvalidConfigException(
          "Config key '" + key + "' keeps the input column '" + name + "', but " + why + " (reserved: "
              + String.join(", ", reserved) + "). Rename the column in the input, or stop keeping it.");
    }
  }
}
