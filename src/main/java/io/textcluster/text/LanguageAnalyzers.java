package io.textcluster.text;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fa.PersianCharFilter;
import org.apache.lucene.analysis.fa.PersianNormalizationFilter;
import org.apache.lucene.analysis.fa.PersianStemFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.tartarus.snowball.ext.RussianStemmer;

/**
 * Lucene analyzers per corpus language, each with stop words and stemming switchable. The chains follow Lucene's own
 * language analyzers, which are final and cannot switch those steps off, and end with {@link TermShapeFilter}.
 */
public final class LanguageAnalyzers {

  /** The canonical language names ({@link LanguageRegistry} also takes ISO codes for them). */
  public static final List<String> LANGUAGES = LanguageRegistry.NAMES;

  /**
   * Building an analyzer loads dictionaries (Kuromoji's is tens of MB) and analyzers are thread-safe (per-thread
   * token stream reuse), so each JVM, driver or executor, builds one per configuration and shares it.
   */
  private static final Map<String, Analyzer> CACHE = new ConcurrentHashMap<>();

  private LanguageAnalyzers() {}

  /** Returns the shared analyzer for this configuration; never close it. */
  public static Analyzer create(String language, boolean stopwords, boolean stemming) {
    String lang = checkLanguage(language);
    return CACHE.computeIfAbsent(
        lang + '|' + stopwords + '|' + stemming, key -> build(lang, stopwords, stemming));
  }

  /** The canonical name of a language name or ISO code; unknown values get a one-line message. */
  public static String checkLanguage(String language) {
    return LanguageRegistry.canonical(language);
  }

  /** The tokens the analyzer produces for text, in order; empty for null or blank text. */
  public static List<String> analyze(Analyzer analyzer, String text) {
    List<String> tokens = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return tokens;
    }
    try (TokenStream stream = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        tokens.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      // Analysis reads from a String: an IOException here is a bug, not an I/O condition.
      throw new UncheckedIOException(e);
    }
    return tokens;
  }

  private static Analyzer build(String language, boolean stopwords, boolean stemming) {
    switch (language) {
      case "english":
        return english(stopwords, stemming);
      case "arabic":
        return arabic(stopwords, stemming);
      case "persian":
        return persian(stopwords, stemming);
      case "japanese":
        return JapaneseChain.analyzer(stopwords, stemming);
      case "russian":
        return russian(stopwords, stemming);
      case "generic":
        return generic();
      default:
        return LanguageRegistry.build(language, stopwords, stemming);
    }
  }

  // English -----------------------------------------------------------------------------------------------------

  /**
   * Lucene's English set is only 33 function words. Topic keywords also need the broader function words (the
   * scikit-learn / Glasgow list, minus its few content words such as "fire", "bill", "system", "interest") and the
   * reporting words of news text ("said", "mr", "told"), which otherwise top every news cluster.
   */
  private static final String[] ENGLISH_EXTRA_STOPWORDS = {
    "a", "about", "above", "across", "after", "afterwards", "again", "against", "ago", "all", "almost", "alone",
    "along", "already", "also", "although", "always", "am", "among", "amongst", "an", "and", "another", "any",
    "anyhow", "anyone", "anything", "anyway", "anywhere", "are", "aren", "around", "as", "at", "away", "back", "be",
    "became", "because", "become", "becomes", "becoming", "been", "before", "beforehand", "behind", "being",
    "below", "beside", "besides", "between", "beyond", "both", "but", "by", "can", "cannot", "cant", "co", "could",
    "couldn", "couldnt", "did", "didn", "do", "does", "doesn", "doing", "don", "done", "down", "due", "during",
    "each", "eg", "either", "else", "elsewhere", "enough", "etc", "even", "ever", "every", "everyone", "everything",
    "everywhere", "except", "few", "for", "former", "formerly", "from", "further", "get", "gets", "getting", "got",
    "had", "hadn", "has", "hasn", "hasnt", "have", "haven", "having", "he", "hence", "her", "here", "hereafter",
    "hereby", "herein", "hereupon", "hers", "herself", "him", "himself", "his", "how", "however", "i", "ie", "if",
    "in", "inc", "indeed", "into", "is", "isn", "it", "its", "itself", "just", "latter", "latterly", "least",
    "less", "let", "like", "ll", "ltd", "many", "may", "me", "meanwhile", "might", "mine", "more", "moreover",
    "most", "mostly", "mr", "mrs", "ms", "much", "must", "my", "myself", "namely", "neither", "never",
    "nevertheless", "no", "nobody", "none", "noone", "nor", "not", "nothing", "now", "nowhere", "of", "off",
    "often", "oh", "ok", "on", "once", "only", "onto", "or", "other", "others", "otherwise", "our", "ours",
    "ourselves", "out", "over", "own", "per", "perhaps", "please", "quite", "rather", "re", "really", "said",
    "same", "say", "saying", "says", "seem", "seemed", "seeming", "seems", "several", "shall", "she", "should",
    "shouldn", "since", "so", "some", "somehow", "someone", "something", "sometime", "sometimes", "somewhere",
    "still", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "thence", "there",
    "thereafter", "thereby", "therefore", "therein", "thereupon", "these", "they", "this", "those", "though",
    "through", "throughout", "thru", "thus", "to", "together", "told", "too", "toward", "towards", "under",
    "unless", "until", "up", "upon", "us", "ve", "very", "via", "was", "wasn", "we", "well", "were", "weren",
    "what", "whatever", "when", "whence", "whenever", "where", "whereafter", "whereas", "whereby", "wherein",
    "whereupon", "wherever", "whether", "which", "while", "whither", "who", "whoever", "whole", "whom", "whose",
    "why", "will", "with", "within", "without", "won", "would", "wouldn", "yes", "yet", "you", "your", "yours",
    "yourself", "yourselves",
    // StandardTokenizer keeps contractions whole ("weren't"); these are function words as much as "were".
    "ain't", "aren't", "can't", "couldn't", "didn't", "doesn't", "don't", "hadn't", "hasn't", "haven't", "he'd",
    "he'll", "i'd", "i'll", "i'm", "i've", "isn't", "it'll", "let's", "mustn't", "shan't", "she'd", "she'll",
    "shouldn't", "that'll", "there'll", "they'd", "they'll", "they're", "they've", "wasn't", "we'd", "we'll",
    "we're", "we've", "weren't", "what'll", "who'll", "won't", "wouldn't", "you'd", "you'll", "you're", "you've",
  };

  private static final CharArraySet ENGLISH_STOPWORDS = englishStopwords();

  private static CharArraySet englishStopwords() {
    CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
    for (String word : ENGLISH_EXTRA_STOPWORDS) {
      set.add(word);
      // Typeset text writes the apostrophe as U+2019, which StandardTokenizer also keeps inside the word.
      set.add(word.replace('\'', '\u2019'));
    }
    return CharArraySet.unmodifiableSet(set);
  }

  /** The English chain after the tokenizer, over any token stream (the tokenizer's, or one token at a time). */
  static TokenStream englishFilters(TokenStream tokens, boolean stopwords, boolean stemming) {
    TokenStream ts = new EnglishPossessiveFilter(tokens);
    ts = new LowerCaseFilter(ts);
    if (stopwords) {
      ts = new StopFilter(ts, ENGLISH_STOPWORDS);
    }
    if (stemming) {
      // KStem rather than Porter: it only strips inflections and checks a dictionary, so cluster keywords stay
      // words a reader recognizes ("company", "police") instead of Porter stems ("compani", "polic").
      ts = new KStemFilter(ts);
    }
    return new TermShapeFilter(ts);
  }

  private static Analyzer english(boolean stopwords, boolean stemming) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        // Every filter after the tokenizer maps one token to at most one: each distinct token goes through them once.
        return new TokenStreamComponents(source, new TokenMemoFilter(source, one -> englishFilters(one, stopwords,
            stemming)));
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
      }
    };
  }

  // Arabic ------------------------------------------------------------------------------------------------------

  /**
   * ArabicAnalyzer filters stop words before normalizing, so in vocalized text (the Quran) "مِنَ" misses the stop
   * word "من". Here the stop filter runs after normalization, with each stop word also in its normalized spelling.
   */
  private static final CharArraySet ARABIC_STOPWORDS = normalizedArabic(ArabicAnalyzer.getDefaultStopSet());

  private static final CharArraySet ARABIC_STEM_EXCLUSIONS =
      CharArraySet.unmodifiableSet(new CharArraySet(Arrays.asList("الله"), false));

  private static final CharArraySet PERSIAN_STOPWORDS = normalizedArabic(PersianAnalyzer.getDefaultStopSet());

  private static CharArraySet normalizedArabic(CharArraySet stopwords) {
    CharArraySet set = new CharArraySet(stopwords, false);
    Analyzer normalizer =
        new Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(
                source, new PersianNormalizationFilter(new ArabicNormalizationFilter(source)));
          }
        };
    try (normalizer) {
      for (Object word : stopwords) {
        set.addAll(analyze(normalizer, new String((char[]) word)));
      }
    }
    return CharArraySet.unmodifiableSet(set);
  }

  private static Analyzer arabic(boolean stopwords, boolean stemming) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream ts = new LowerCaseFilter(source);
        ts = new DecimalDigitFilter(ts);
        // Removes the harakat, tatweel and hamza-seat variants, so vocalized and plain spellings meet.
        ts = new ArabicNormalizationFilter(ts);
        ts = new ArabicMarkFilter(ts);
        if (stopwords) {
          ts = new StopFilter(ts, ARABIC_STOPWORDS);
        }
        if (stemming) {
          // The light stemmer strips the article from the name of God, "الله" -> "له", which is also the preposition
          // "to him": the most frequent word of the Quran would become an unreadable keyword.
          ts = new SetKeywordMarkerFilter(ts, ARABIC_STEM_EXCLUSIONS);
          ts = new ArabicStemFilter(ts);
        }
        return new TokenStreamComponents(source, new TermShapeFilter(ts));
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ArabicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(in)));
      }
    };
  }

  // Persian -----------------------------------------------------------------------------------------------------

  private static Analyzer persian(boolean stopwords, boolean stemming) {
    return new Analyzer() {
      @Override
      protected Reader initReader(String fieldName, Reader reader) {
        // The zero-width non-joiner separates the parts of one written word ("می‌گویند"); as PersianAnalyzer does,
        // turn it into a space so the prefix "می" becomes a separate (stop) word.
        return new PersianCharFilter(reader);
      }

      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream ts = new LowerCaseFilter(source);
        ts = new DecimalDigitFilter(ts);
        ts = new ArabicNormalizationFilter(ts);
        ts = new PersianNormalizationFilter(ts);
        ts = new ArabicMarkFilter(ts);
        if (stopwords) {
          ts = new StopFilter(ts, PERSIAN_STOPWORDS);
        }
        if (stemming) {
          // PersianAnalyzer 9.x does not stem (Lucene 10 adds it); the filter itself ships in 9.12.
          ts = new PersianStemFilter(ts);
          if (stopwords) {
            // The suffix stripper turns content words into stop words ("بهتر" "better" -> "به" "to"); a second
            // pass keeps those from becoming the most frequent "keywords".
            ts = new StopFilter(ts, PERSIAN_STOPWORDS);
          }
        }
        return new TokenStreamComponents(source, new TermShapeFilter(ts));
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new PersianNormalizationFilter(
            new ArabicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(in))));
      }
    };
  }

  // Russian -----------------------------------------------------------------------------------------------------

  private static Analyzer russian(boolean stopwords, boolean stemming) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream ts = new LowerCaseFilter(source);
        if (stopwords) {
          ts = new StopFilter(ts, RussianAnalyzer.getDefaultStopSet());
        }
        if (stemming) {
          ts = new SnowballFilter(ts, new RussianStemmer());
        }
        return new TokenStreamComponents(source, new TermShapeFilter(ts));
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
      }
    };
  }

  // Generic -----------------------------------------------------------------------------------------------------

  /** For languages without a chain here: Unicode word breaks and case folding, nothing language-specific. */
  private static Analyzer generic() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        return new TokenStreamComponents(source, new TermShapeFilter(new LowerCaseFilter(source)));
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
      }
    };
  }
}
