package io.textcluster.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.uk.UkrainianMorfologikAnalyzer;

/**
 * Every language textcluster can analyse, by name and by ISO 639-1 / 639-3 code: the hand-tuned chains of
 * {@link LanguageAnalyzers} (english, arabic, persian, japanese, russian, generic) and the rest of Lucene's
 * ({@link LuceneLanguages}, plus Ukrainian's dictionary stemmer). "auto" is no language: it asks for detection.
 */
public final class LanguageRegistry {

  /** text.language value that detects each document's language. */
  public static final String AUTO = "auto";

  private static final List<String> TUNED = List.of("english", "arabic", "persian", "japanese", "russian");
  private static final Map<String, String> TUNED_CODES =
      Map.of("english", "en", "arabic", "ar", "persian", "fa", "japanese", "ja", "russian", "ru");

  /** Canonical names in documentation order: the tuned ones, Lucene's others alphabetically, then generic. */
  public static final List<String> NAMES = names();

  /** Lower-case alias (name, ISO 639-1, ISO 639-3) to canonical name. */
  private static final Map<String, String> ALIASES = aliases();

  private LanguageRegistry() {}

  private static List<String> names() {
    List<String> names = new ArrayList<>(TUNED);
    List<String> others = new ArrayList<>(LuceneLanguages.CHAINS.keySet());
    others.add("ukrainian");
    Collections.sort(others);
    names.addAll(others);
    names.add("generic");
    return Collections.unmodifiableList(names);
  }

  /** The ISO 639-1 code of a canonical name ("cjk" and "generic" have none of their own). */
  public static String code(String name) {
    if (TUNED_CODES.containsKey(name)) {
      return TUNED_CODES.get(name);
    }
    if (name.equals("ukrainian")) {
      return "uk";
    }
    LuceneLanguages.Chain chain = LuceneLanguages.CHAINS.get(name);
    return chain == null ? name : chain.code();
  }

  private static Map<String, String> aliases() {
    Map<String, String> aliases = new LinkedHashMap<>();
    for (String name : NAMES) {
      aliases.put(name, name);
      String code = code(name);
      aliases.putIfAbsent(code, name);
      if (code.length() == 2) {
        aliases.putIfAbsent(new Locale(code).getISO3Language(), name);
      }
    }
    // Macro-language and individual-language codes that detectors report (OpenNLP uses ISO 639-3 individual codes).
    String[][] extra = {
      {"pes", "persian"}, {"prs", "persian"}, {"fas", "persian"}, {"per", "persian"}, {"arb", "arabic"},
      {"cmn", "chinese"}, {"zho", "chinese"}, {"chi", "chinese"}, {"nob", "norwegian"}, {"nno", "norwegian"},
      {"nb", "norwegian"}, {"nn", "norwegian"}, {"ind", "indonesian"}, {"portuguese-brazil", "brazilian"},
      {"sorani", "kurdish"}, {"farsi", "persian"}, {"ekk", "estonian"}, {"lvs", "latvian"}, {"npi", "nepali"},
    };
    for (String[] pair : extra) {
      aliases.putIfAbsent(pair[0], pair[1]);
    }
    return Collections.unmodifiableMap(aliases);
  }

  /** The canonical name for a name or ISO code, case-insensitive; empty when unknown. */
  public static Optional<String> find(String language) {
    if (language == null) {
      return Optional.empty();
    }
    String key = language.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return Optional.ofNullable(ALIASES.get(key));
  }

  /** The canonical name, or an IllegalArgumentException whose one line says where the valid values are listed. */
  public static String canonical(String language) {
    return find(language).orElseThrow(() -> new IllegalArgumentException(unknown(language)));
  }

  /** True for "auto" and every known name or code. */
  public static boolean isValidSetting(String language) {
    return language != null && (language.trim().equalsIgnoreCase(AUTO) || find(language).isPresent());
  }

  /** One line naming the bad value, a few valid ones and where all of them are listed. */
  public static String unknown(String language) {
    return "Unknown language '" + language + "': use a language name or ISO 639 code (english/en, arabic/ar, "
        + "persian/fa, chinese/zh, ...), generic, or auto; docs/languages.md lists all " + NAMES.size()
        + " (" + String.join(", ", NAMES) + ").";
  }

  /** Builds the analyzer for a canonical name that {@link LanguageAnalyzers} has no hand-tuned chain for. */
  static Analyzer build(String name, boolean stopwords, boolean stemming) {
    if (name.equals("ukrainian")) {
      return ukrainian(stopwords, stemming);
    }
    LuceneLanguages.Chain chain = LuceneLanguages.CHAINS.get(name);
    if (chain == null) {
      throw new IllegalArgumentException(unknown(name));
    }
    return fromChain(chain, stopwords ? chain.stopwords().get() : CharArraySet.EMPTY_SET, stemming);
  }

  /** Lucene's Ukrainian analyzer (Morfologik dictionary lemmas) with the project's term filter appended. */
  private static Analyzer ukrainian(boolean stopwords, boolean stemming) {
    CharArraySet stopSet = stopwords ? UkrainianMorfologikAnalyzer.getDefaultStopwords() : CharArraySet.EMPTY_SET;
    if (!stemming) {
      LuceneLanguages.Chain plain = new LuceneLanguages.Chain("ukrainian", "uk",
          org.apache.lucene.analysis.standard.StandardTokenizer::new,
          org.apache.lucene.analysis.LowerCaseFilter::new, () -> stopSet, null);
      return fromChain(plain, stopSet, false);
    }
    Analyzer lucene = new UkrainianMorfologikAnalyzer(stopSet);
    return new AnalyzerWrapper(lucene.getReuseStrategy()) {
      @Override
      protected Analyzer getWrappedAnalyzer(String fieldName) {
        return lucene;
      }

      @Override
      protected TokenStreamComponents wrapComponents(String fieldName, TokenStreamComponents components) {
        return new TokenStreamComponents(
            components.getSource(), new TermShapeFilter(components.getTokenStream()));
      }
    };
  }

  private static Analyzer fromChain(LuceneLanguages.Chain chain, CharArraySet stopSet, boolean stemming) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = chain.tokenizer().get();
        TokenStream ts = chain.normalize().apply(source);
        if (!stopSet.isEmpty()) {
          ts = new StopFilter(ts, stopSet);
        }
        if (stemming && chain.stem() != null) {
          ts = chain.stem().apply(ts);
        }
        return new TokenStreamComponents(source, new TermShapeFilter(ts));
      }
    };
  }
}
