package io.textcluster.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LanguageCheckTest {

  private static List<String> texts(String source, int n) {
    return MixedLanguageCorpus.build(n, 50).stream().filter(d -> d.source().equals(source))
        .map(MixedLanguageCorpus.Document::text).toList();
  }

  @Test
  void japaneseAnalysedAsEnglishIsWarnedAboutNamingJapanese() {
    Optional<String> warning = LanguageCheck.check(texts("livedoor", 40), "english");
    assertTrue(warning.isPresent());
    assertTrue(warning.get().contains("text.language = japanese"), warning.get());
    assertTrue(warning.get().contains("text.language = english"), warning.get());
  }

  @Test
  void persianAnalysedAsArabicIsWarnedThoughTheScriptIsTheSame() {
    Optional<String> warning = LanguageCheck.check(texts("quran_fa", 40), "arabic");
    assertTrue(warning.isPresent());
    assertTrue(warning.get().contains("text.language = persian"), warning.get());
  }

  @Test
  void matchingLanguageAndAutoAreQuiet() {
    assertEquals(Optional.empty(), LanguageCheck.check(texts("ag_news", 40), "english"));
    assertEquals(Optional.empty(), LanguageCheck.check(texts("quran_ar", 40), "arabic"));
  }

  @Test
  void anEvenMixSuggestsAuto() {
    List<String> mixed = new ArrayList<>(texts("livedoor", 30));
    mixed.addAll(texts("quran_fa", 30));
    mixed.addAll(texts("bbc_news", 15));
    Optional<String> warning = LanguageCheck.check(mixed, "english");
    assertTrue(warning.isPresent());
    assertTrue(warning.get().contains("auto"), warning.get());
  }

  @Test
  void tooFewReadableDocumentsAreQuiet() {
    assertEquals(Optional.empty(), LanguageCheck.check(List.of("ok", "", "これ"), "english"));
  }
}
