package io.textcluster.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.support.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/** The memo gives exactly the terms of the same filters in line, whatever the memo holds or has forgotten. */
class TokenMemoFilterTest {
  /** The English filters in line after the tokenizer, as the analyzer had them before the memo. */
  private static Analyzer inLine(boolean stopwords, boolean stemming) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        return new TokenStreamComponents(source, LanguageAnalyzers.englishFilters(source, stopwords, stemming));
      }
    };
  }

  private static Analyzer memoised(boolean stopwords, boolean stemming, int maxEntries) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        return new TokenStreamComponents(source, new TokenMemoFilter(source,
            one -> LanguageAnalyzers.englishFilters(one, stopwords, stemming), maxEntries));
      }
    };
  }

  /** Real text: the two English corpora's files cut into pieces of a few thousand characters. */
  private static List<String> englishTexts() throws Exception {
    List<String> texts = new ArrayList<>();
    for (var file : List.of(SharedData.corpus("bbc_news").resolve("bbc_news.part01.csv"),
        SharedData.corpus("ag_news").resolve("ag_news_test.csv"))) {
      String all = Files.readString(file, StandardCharsets.UTF_8);
      for (int start = 0; start < all.length(); start += 3000) {
        texts.add(all.substring(start, Math.min(all.length(), start + 3000)));
      }
    }
    return texts;
  }

  @Test
  void theMemoGivesTheTermsOfTheFiltersInLine() throws Exception {
    List<String> texts = englishTexts();
    assertTrue(texts.size() > 1000, "texts: " + texts.size());
    long terms = 0;
    for (boolean stopwords : new boolean[] {true, false}) {
      for (boolean stemming : new boolean[] {true, false}) {
        // A memo that holds everything, and one forgotten every 50 forms: both give the terms in line.
        Analyzer expected = inLine(stopwords, stemming);
        Analyzer large = memoised(stopwords, stemming, TokenMemoFilter.MAX_ENTRIES);
        Analyzer small = memoised(stopwords, stemming, 50);
        for (String text : texts) {
          List<String> want = LanguageAnalyzers.analyze(expected, text);
          assertEquals(want, LanguageAnalyzers.analyze(large, text), text);
          assertEquals(want, LanguageAnalyzers.analyze(small, text), text);
          terms += want.size();
        }
      }
    }
    assertTrue(terms > 1_000_000, "terms compared: " + terms);
  }

  @Test
  void theEnglishAnalyzerStemsDropsAndKeepsAsBefore() {
    Analyzer english = LanguageAnalyzers.create("english", true, true);
    assertEquals(List.of("company", "report", "profit", "company", "police"),
        LanguageAnalyzers.analyze(english, "The company's reports of profits; companies and the Police in 2004."));
  }

  @Test
  void aChainThatMakesTwoTermsOfOneTokenIsRefused() {
    Analyzer splitting = new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        return new TokenStreamComponents(source, new TokenMemoFilter(source, Twice::new));
      }
    };
    assertThrows(IllegalStateException.class, () -> LanguageAnalyzers.analyze(splitting, "one token"));
  }

  /** Gives every token twice: a filter that does not belong in a memo. */
  private static final class Twice extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private String pending;

    Twice(TokenStream input) {
      super(input);
    }

    @Override
    public boolean incrementToken() throws java.io.IOException {
      if (pending != null) {
        term.setEmpty().append(pending);
        pending = null;
        return true;
      }
      if (!input.incrementToken()) {
        return false;
      }
      pending = term.toString();
      return true;
    }
  }
}
