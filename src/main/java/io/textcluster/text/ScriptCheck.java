package io.textcluster.text;

import io.textcluster.schema.Columns;
import io.textcluster.io.Corpus;
import java.io.PrintStream;
import java.lang.Character.UnicodeScript;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;

/**
 * A warning when the corpus is written in another script than {@code text.language} expects (Japanese analysed as
 * English gets no word breaks, Arabic as English no stemming): a cheap count of letters by Unicode script over a
 * sample of documents. Only a warning: mixed corpora and transliterations are legitimate.
 */
public final class ScriptCheck {
  private static final int SAMPLE = 200;
  private static final int MIN_LETTERS = 200;
  private static final double MISMATCH_SHARE = 0.6;
  private static final Map<String, Set<UnicodeScript>> EXPECTED = Map.of(
      "english", Set.of(UnicodeScript.LATIN),
      "russian", Set.of(UnicodeScript.CYRILLIC),
      "arabic", Set.of(UnicodeScript.ARABIC),
      "persian", Set.of(UnicodeScript.ARABIC),
      "japanese", Set.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA));
  private static final Map<UnicodeScript, String> LIKELY = Map.of(
      UnicodeScript.LATIN, "english (or generic for another Latin-script language)",
      UnicodeScript.CYRILLIC, "russian",
      UnicodeScript.ARABIC, "arabic or persian",
      UnicodeScript.HAN, "japanese (Chinese text: generic)",
      UnicodeScript.HIRAGANA, "japanese",
      UnicodeScript.KATAKANA, "japanese");

  private ScriptCheck() {}

  /** Prints a warning naming the likely language when most letters of a sample are in an unexpected script. */
  public static void warnIfMismatched(Corpus corpus, String language, PrintStream console) {
    Set<UnicodeScript> expected = EXPECTED.get(language);
    if (expected == null) {
      return;
    }
    List<Row> sample = corpus.documents().select(Columns.TEXT).limit(SAMPLE).collectAsList();
    Map<UnicodeScript, Integer> letters = new EnumMap<>(UnicodeScript.class);
    int total = 0;
    for (Row row : sample) {
      String text = row.isNullAt(0) ? "" : row.getString(0);
      for (int i = 0; i < text.length() && i < 2000; ) {
        int cp = text.codePointAt(i);
        i += Character.charCount(cp);
        if (Character.isLetter(cp)) {
          letters.merge(UnicodeScript.of(cp), 1, Integer::sum);
          total++;
        }
      }
    }
    if (total < MIN_LETTERS) {
      return;
    }
    int matching = expected.stream().mapToInt(s -> letters.getOrDefault(s, 0)).sum();
    if (matching >= (1 - MISMATCH_SHARE) * total) {
      return;
    }
    UnicodeScript dominant = letters.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    console.printf(Locale.ROOT,
        "[textcluster] warning: text.language = %s, but %.0f%% of the letters in %d sampled documents are %s script: "
            + "set text.language = %s.%n",
        language, 100.0 * letters.get(dominant) / total, sample.size(), dominant.name().toLowerCase(Locale.ROOT),
        LIKELY.getOrDefault(dominant, "generic"));
  }
}
