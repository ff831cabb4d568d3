package io.textcluster.text;

import java.io.Reader;
import java.util.Arrays;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseBaseFormFilter;
import org.apache.lucene.analysis.ja.JapanesePartOfSpeechStopFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;

/** The Japanese chain: Kuromoji in search mode, lemmas, and stop words and parts of speech tuned on livedoor. */
final class JapaneseChain {

  private JapaneseChain() {}

  /**
   * JapaneseAnalyzer's set plus what topped livedoor's token counts without naming any topic: the honorific suffixes
   * (さん) and the auxiliary verbs that Kuromoji tags as independent verbs after a te-form (てみる, てくる, てしまう, てくれる).
   */
  private static final CharArraySet JAPANESE_STOPWORDS = japaneseStopwords();

  private static CharArraySet japaneseStopwords() {
    CharArraySet set = new CharArraySet(JapaneseAnalyzer.getDefaultStopSet(), false);
    set.addAll(
        Arrays.asList(
            "さん", "ちゃん", "くん", "様", "氏", "みる", "くる", "しまう", "くれる", "もらう", "あげる", "いく", "おく",
            "いう", "言う", "そう", "よう", "いい", "ない", "おる", "やる"));
    return CharArraySet.unmodifiableSet(set);
  }

  /**
   * Kuromoji's default stop tags plus the dependent forms that carry grammar, not topic: non-independent verbs
   * (the てる of 見てる), non-independent nouns (こと, もの) and suffixes (的, 通 as in 3通).
   */
  private static final java.util.Set<String> JAPANESE_STOP_TAGS = japaneseStopTags();

  private static java.util.Set<String> japaneseStopTags() {
    java.util.Set<String> tags = new java.util.HashSet<>(JapaneseAnalyzer.getDefaultStopTags());
    tags.addAll(
        java.util.List.of(
            "動詞-非自立", "名詞-非自立", "名詞-非自立-一般", "名詞-非自立-副詞可能", "名詞-非自立-助動詞語幹",
            "名詞-非自立-形容動詞語幹", "名詞-接尾", "名詞-接尾-一般", "名詞-接尾-人名", "名詞-接尾-地域",
            "名詞-接尾-サ変接続", "名詞-接尾-助動詞語幹", "名詞-接尾-形容動詞語幹", "名詞-接尾-副詞可能",
            "名詞-接尾-助数詞", "名詞-接尾-特殊", "形容詞-非自立", "形容詞-接尾"));
    return java.util.Collections.unmodifiableSet(tags);
  }

  static Analyzer analyzer(boolean stopwords, boolean stemming) {
    return new Analyzer() {
      @Override
      protected Reader initReader(String fieldName, Reader reader) {
        // Width folding before the tokenizer (as JapaneseAnalyzer does), so half-width katakana and full-width
        // Latin reach the dictionary lookup in the forms the dictionary knows.
        return new CJKWidthCharFilter(reader);
      }

      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        // Search mode splits long compounds (関西国際空港 -> 関西 国際 空港) so they share keywords with their parts;
        // discarding the compound itself keeps each word counted once.
        Tokenizer source = new JapaneseTokenizer(null, true, true, JapaneseTokenizer.Mode.SEARCH);
        TokenStream ts = source;
        if (stemming) {
          // Japanese "stemming" is lemmatization: 走った / 走れ -> 走る.
          ts = new JapaneseBaseFormFilter(ts);
        }
        // Particles, auxiliary verbs and symbols are grammar, not vocabulary: removed even when stop words are off,
        // like TermShapeFilter's rules. The stop-word switch controls the word list below.
        ts = new JapanesePartOfSpeechStopFilter(ts, JAPANESE_STOP_TAGS);
        if (stopwords) {
          ts = new StopFilter(ts, JAPANESE_STOPWORDS);
        }
        // No JapaneseKatakanaStemFilter: it turns サッカー into サッカ, which helps recall in search but makes
        // cluster keywords harder to read.
        ts = new LowerCaseFilter(ts);
        return new TokenStreamComponents(source, new TermShapeFilter(ts));
      }

      @Override
      protected Reader initReaderForNormalization(String fieldName, Reader reader) {
        return new CJKWidthCharFilter(reader);
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
      }
    };
  }

}
