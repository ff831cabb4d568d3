package io.textcluster.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.support.SharedData;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LanguageAnalyzersTest {

  private static List<String> tokens(String language, String text) {
    return LanguageAnalyzers.analyze(LanguageAnalyzers.create(language, true, true), text);
  }

  @Test
  void englishRemovesStopwordsAndStems() {
    List<String> t = tokens("english", "The runners were running; the companies said Mr Smith's policies worked.");
    assertFalse(t.contains("the"), t::toString);
    assertFalse(t.contains("were"), t::toString);
    assertFalse(t.contains("said"), t::toString);
    assertFalse(t.contains("mr"), t::toString);
    assertTrue(t.contains("runner"), t::toString);
    assertTrue(t.contains("company"), t::toString);
    assertTrue(t.contains("policy"), t::toString);
    assertTrue(t.contains("smith"), t::toString);
    assertTrue(t.contains("work"), t::toString);
  }

  @Test
  void englishSwitchesOff() {
    List<String> raw =
        LanguageAnalyzers.analyze(LanguageAnalyzers.create("english", false, false), "The companies said");
    assertEquals(List.of("the", "companies", "said"), raw);
  }

  @Test
  void termShapeDropsNumbersSymbolsAndSingleLetters() {
    assertEquals(List.of("covid19", "price"), tokens("english", "2004 3.5 x covid19 -- $ price"));
    // Unicode word breaks make every Han character a word of its own; the lone ideographs must survive.
    List<String> generic = tokens("generic", "車 a か ア 2004 東京");
    assertEquals(List.of("車", "東", "京"), generic);
  }

  @Test
  void arabicRemovesDiacritics() {
    // Vocalized and plain spellings must give the same tokens.
    List<String> vocalized = tokens("arabic", "بِسْمِ اللَّهِ الرَّحْمَـٰنِ الرَّحِيمِ");
    List<String> plain = tokens("arabic", "بسم الله الرحمن الرحيم");
    assertEquals(plain, vocalized);
    assertTrue(vocalized.contains("الله"), vocalized::toString);
    for (String token : vocalized) {
      assertTrue(token.chars().noneMatch(c -> c >= 0x064B && c <= 0x0670), token);
    }
    // "مِنَ" only matches the stop word "من" once the harakat are gone.
    assertFalse(tokens("arabic", "مِنَ الْكِتَابِ").stream().anyMatch(s -> s.equals("من")));
  }

  @Test
  void persianQuranTranslationHasNoStopwords() throws IOException {
    List<String> verses = column(SharedData.corpus("quran").resolve("quran_verses.part01.csv"), "text_fa", 200);
    assertEquals(200, verses.size());
    List<String> all = new ArrayList<>();
    for (String verse : verses) {
      all.addAll(tokens("persian", verse));
    }
    assertTrue(all.size() > 1000, "too few tokens: " + all.size());
    // Both the written forms and Lucene's normalized forms (Persian ک/ی become Arabic ك/ي).
    for (String stop : List.of("و", "از", "به", "که", "را", "كه", "این", "اين", "است", "در", "می", "مي")) {
      assertFalse(all.contains(stop), "stop word " + stop);
    }
    assertTrue(all.contains("خداوند") || all.contains("خدا"), all.subList(0, 50)::toString);
    for (String token : all) {
      assertTrue(token.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC),
          token);
    }
  }

  @Test
  void russianStems() {
    List<String> t = tokens("russian", "Учёные исследовали новые технологии, и исследования продолжаются");
    assertFalse(t.contains("и"), t::toString);
    assertTrue(t.contains("технолог"), t::toString);
    // Plural and singular of one noun meet in one stem.
    assertEquals(tokens("russian", "технология"), tokens("russian", "технологии"));
  }

  private static final Set<String> PARTICLES = Set.of("は", "が", "を", "に", "の", "で", "と", "も");

  @Test
  void japaneseGivesDictionaryFormsWithoutParticles() throws IOException {
    List<String> t = tokens("japanese", "彼は昨日東京で新しい車を買った。");
    assertTrue(t.contains("買う"), t::toString);
    assertFalse(t.contains("買っ"), t::toString);
    assertTrue(t.contains("車"), t::toString);
    assertTrue(t.contains("東京"), t::toString);
    for (String p : PARTICLES) {
      assertFalse(t.contains(p), p);
    }

    List<String> titles = column(SharedData.corpus("livedoor").resolve("livedoor_subset.part01.csv"), "title", 300);
    List<String> all = new ArrayList<>();
    for (String title : titles) {
      all.addAll(tokens("japanese", title));
    }
    assertTrue(all.size() > 1000, "too few tokens: " + all.size());
    for (String token : all) {
      assertFalse(PARTICLES.contains(token), token);
      assertFalse(isSingleKana(token), token);
    }
  }

  static boolean isSingleKana(String token) {
    if (token.codePointCount(0, token.length()) != 1) {
      return false;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(token.codePointAt(0));
    return script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA;
  }

  @Test
  void unknownLanguageListsAllowedValues() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LanguageAnalyzers.create("klingon", true, true));
    assertTrue(e.getMessage().contains("klingon"), e.getMessage());
    // Every language is listed (more than 40 since issue 19), and where they are documented.
    for (String language : LanguageAnalyzers.LANGUAGES) {
      assertTrue(e.getMessage().contains(language), e.getMessage());
    }
    assertTrue(e.getMessage().contains("docs/languages.md"), e.getMessage());
  }

  @Test
  void analyzersAreCachedPerConfiguration() {
    assertSame(LanguageAnalyzers.create("english", true, true), LanguageAnalyzers.create("English", true, true));
    assertFalse(LanguageAnalyzers.create("english", true, true) == LanguageAnalyzers.create("english", true, false));
  }

  @Test
  void nullTextGivesNoTokens() {
    assertTrue(LanguageAnalyzers.analyze(LanguageAnalyzers.create("japanese", true, true), null).isEmpty());
  }

  /** A minimal RFC 4180 reader: the corpora quote fields that hold commas, quotes and newlines. */
  static List<String> column(java.nio.file.Path csv, String name, int limit) throws IOException {
    List<String> values = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      List<String> header = null;
      List<String> row = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      int c;
      while ((c = in.read()) != -1 && values.size() < limit) {
        if (quoted) {
          if (c == '"') {
            in.mark(1);
            int next = in.read();
            if (next == '"') {
              field.append('"');
            } else {
              quoted = false;
              if (next == -1) {
                break;
              }
              in.reset();
            }
          } else {
            field.append((char) c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          row.add(field.toString());
          field.setLength(0);
        } else if (c == '\n') {
          row.add(field.toString().replace("\r", ""));
          field.setLength(0);
          if (header == null) {
            header = row;
          } else {
            values.add(row.get(header.indexOf(name)));
          }
          row = new ArrayList<>();
        } else {
          field.append((char) c);
        }
      }
    }
    return values;
  }
}
