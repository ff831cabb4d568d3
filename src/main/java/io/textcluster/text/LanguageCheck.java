package io.textcluster.text;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * A warning when most documents of a sample are in another language than {@code text.language}: Japanese analysed
 * as English gives single-character keywords, Persian as Arabic no Persian stop words, and the run itself succeeds.
 * The language-level sibling of the job's script check (which cannot tell Arabic from Persian, or French from
 * English). Only a warning: the user may have reasons, and auto exists for mixed corpora.
 */
public final class LanguageCheck {

  static final int SAMPLE = 200;
  /** Documents the detector reads; the sample's other documents are too short to tell. */
  static final int MIN_DETECTED = 20;
  static final double MISMATCH_SHARE = 0.6;

  private LanguageCheck() {}

  /** Detects the language of a sample of the column's documents and returns the warning, if any. */
  public static Optional<String> check(Dataset<Row> documents, String textCol, String language) {
    if (language.equals(LanguageRegistry.AUTO)) {
      return Optional.empty();
    }
    List<Row> sample = documents.select(functions.col(textCol)).limit(SAMPLE).collectAsList();
    return check(sample.stream().map(r -> r.isNullAt(0) ? "" : r.getString(0)).toList(), language);
  }

  /** The warning for these texts analysed as {@code language} (a canonical name), or empty when they agree. */
  public static Optional<String> check(List<String> texts, String language) {
    Map<String, Integer> detected = new TreeMap<>();
    int counted = 0;
    for (String text : texts) {
      String code = LanguageDetector.detectCode(text);
      if (code == null) {
        continue;
      }
      counted++;
      detected.merge(LanguageRegistry.find(code).orElse("generic"), 1, Integer::sum);
    }
    if (counted < MIN_DETECTED) {
      return Optional.empty();
    }
    int matching = detected.getOrDefault(language, 0);
    if (matching >= (1 - MISMATCH_SHARE) * counted) {
      return Optional.empty();
    }
    Map.Entry<String, Integer> top =
        detected.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    if (top.getKey().equals("generic") && language.equals("generic")) {
      return Optional.empty();
    }
    boolean mixed = top.getValue() < MISMATCH_SHARE * counted;
    String advice = mixed
        ? "the corpus looks mixed: set text.language = auto"
        : "set text.language = " + top.getKey() + " (or auto for a mixed corpus)";
    return Optional.of(String.format(Locale.ROOT,
        "text.language = %s, but %d of %d sampled documents read as %s (%s): %s.",
        language, top.getValue(), counted, top.getKey(), summary(detected, counted), advice));
  }

  private static String summary(Map<String, Integer> detected, int counted) {
    return detected.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(4)
        .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * e.getValue() / counted))
        .reduce((a, b) -> a + ", " + b)
        .orElse("");
  }
}
