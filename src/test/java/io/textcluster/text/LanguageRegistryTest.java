package io.textcluster.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LanguageRegistryTest {

  private static List<String> tokens(String language, boolean stopwords, boolean stemming, String text) {
    return LanguageAnalyzers.analyze(LanguageAnalyzers.create(language, stopwords, stemming), text);
  }

  @Test
  void everyLanguageBuildsAnAnalyzerThatProducesTokens() {
    for (String name : LanguageRegistry.NAMES) {
      for (boolean on : new boolean[] {true, false}) {
        List<String> out = tokens(name, on, on, "Lucene analysers 2024 hello world internationalization");
        assertFalse(out.isEmpty(), name + " (stopwords/stemming " + on + ") produced no tokens");
      }
    }
    assertTrue(LanguageRegistry.NAMES.size() >= 40, "Lucene 9.12 ships about 40 language analyzers");
  }

  @Test
  void namesAndIsoCodesResolveToOneLanguage() {
    Map<String, String> expected = Map.of(
        "fa", "persian", "fas", "persian", "pes", "persian", "ZH", "chinese", "de", "german", "deu", "german",
        "pl", "polish", "ko", "korean", "uk", "ukrainian", " English ", "english");
    expected.forEach((given, name) -> assertEquals(name, LanguageRegistry.canonical(given), given));
    assertTrue(LanguageRegistry.isValidSetting("AUTO"));
  }

  @Test
  void unknownLanguageIsOneLineNamingTheValueAndWhereTheListIs() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LanguageRegistry.canonical("klingon"));
    assertTrue(e.getMessage().contains("'klingon'"));
    assertTrue(e.getMessage().contains("docs/languages.md"));
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void stemmersAndStopWordsOfTheAddedLanguagesApply() {
    // German: plural and umlaut folded by the light stemmer, "und" a stop word.
    assertEquals(tokens("german", true, true, "Häuser"), tokens("german", true, true, "Haus"));
    assertFalse(tokens("german", true, true, "Häuser und Bäume").contains("und"));
    // French: elision and plural.
    assertEquals(List.of("avion"), tokens("french", true, true, "l'avion"));
    assertEquals(tokens("french", true, true, "chevaux"), tokens("french", true, true, "cheval"));
    // Spanish stop words off keeps them.
    assertTrue(tokens("spanish", false, false, "el perro y el gato").contains("el"));
    assertFalse(tokens("spanish", true, false, "el perro y el gato").contains("el"));
    // Polish (Stempel) and Ukrainian (Morfologik) reduce inflected forms.
    assertEquals(List.of("kot"), tokens("polish", true, true, "kotów"));
    assertTrue(tokens("ukrainian", true, true, "книги").contains("книга"));
  }

  @Test
  void chineseAndKoreanAreSegmentedIntoWords() {
    List<String> zh = tokens("chinese", true, true, "我们在北京大学学习自然语言处理");
    assertTrue(zh.contains("自然") && zh.contains("语言"), zh.toString());
    assertTrue(zh.size() >= 4, zh.toString());
    List<String> ko = tokens("korean", true, true, "한국어 형태소 분석기를 사용합니다");
    assertTrue(ko.contains("한국어") || ko.contains("한국"), ko.toString());
    // Particles (를) are grammar, removed by part of speech.
    assertFalse(ko.contains("를"), ko.toString());
  }
}
