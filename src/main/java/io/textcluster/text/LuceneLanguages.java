package io.textcluster.text;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.bg.BulgarianAnalyzer;
import org.apache.lucene.analysis.bg.BulgarianStemFilter;
import org.apache.lucene.analysis.bn.BengaliAnalyzer;
import org.apache.lucene.analysis.bn.BengaliNormalizationFilter;
import org.apache.lucene.analysis.bn.BengaliStemFilter;
import org.apache.lucene.analysis.br.BrazilianAnalyzer;
import org.apache.lucene.analysis.br.BrazilianStemFilter;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.ckb.SoraniAnalyzer;
import org.apache.lucene.analysis.ckb.SoraniNormalizationFilter;
import org.apache.lucene.analysis.ckb.SoraniStemFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.cz.CzechStemFilter;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.el.GreekAnalyzer;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.el.GreekStemFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.et.EstonianAnalyzer;
import org.apache.lucene.analysis.eu.BasqueAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.ga.IrishAnalyzer;
import org.apache.lucene.analysis.ga.IrishLowerCaseFilter;
import org.apache.lucene.analysis.gl.GalicianAnalyzer;
import org.apache.lucene.analysis.gl.GalicianStemFilter;
import org.apache.lucene.analysis.hi.HindiAnalyzer;
import org.apache.lucene.analysis.hi.HindiNormalizationFilter;
import org.apache.lucene.analysis.hi.HindiStemFilter;
import org.apache.lucene.analysis.hu.HungarianAnalyzer;
import org.apache.lucene.analysis.hy.ArmenianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianStemFilter;
import org.apache.lucene.analysis.in.IndicNormalizationFilter;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.KoreanReadingFormFilter;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.lt.LithuanianAnalyzer;
import org.apache.lucene.analysis.lv.LatvianAnalyzer;
import org.apache.lucene.analysis.lv.LatvianStemFilter;
import org.apache.lucene.analysis.ne.NepaliAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.pl.PolishAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.sr.SerbianAnalyzer;
import org.apache.lucene.analysis.sr.SerbianNormalizationFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.stempel.StempelFilter;
import org.apache.lucene.analysis.stempel.StempelStemmer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.ta.TamilAnalyzer;
import org.apache.lucene.analysis.te.TeluguAnalyzer;
import org.apache.lucene.analysis.te.TeluguNormalizationFilter;
import org.apache.lucene.analysis.te.TeluguStemFilter;
import org.apache.lucene.analysis.th.ThaiAnalyzer;
import org.apache.lucene.analysis.th.ThaiTokenizer;
import org.apache.lucene.analysis.tr.ApostropheFilter;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * The analysis chains of Lucene 9.12's other language analyzers (analysis-common, smartcn, nori, stempel), rebuilt
 * from their parts because Lucene's analyzers are final and cannot switch stop words or stemming off. Each chain
 * follows the analyzer it names (same tokenizer, normalization, stop set and stemmer).
 */
final class LuceneLanguages {

  /** One language's chain: normalization up to the stop filter, its stop set, then the stemmer (null: none). */
  record Chain(
      String name,
      String code,
      Supplier<Tokenizer> tokenizer,
      UnaryOperator<TokenStream> normalize,
      Supplier<CharArraySet> stopwords,
      UnaryOperator<TokenStream> stem) {}

  private LuceneLanguages() {}

  /** Keyed by language name, in the order the documentation lists them. */
  static final Map<String, Chain> CHAINS = build();

  private static Supplier<Tokenizer> standard() {
    return StandardTokenizer::new;
  }

  private static UnaryOperator<TokenStream> lower() {
    return LowerCaseFilter::new;
  }

  private static UnaryOperator<TokenStream> snowball(Supplier<org.tartarus.snowball.SnowballStemmer> stemmer) {
    return ts -> new SnowballFilter(ts, stemmer.get());
  }

  private static CharArraySet set(String... words) {
    return CharArraySet.unmodifiableSet(new CharArraySet(Arrays.asList(words), true));
  }

  // The elided articles of Lucene's Catalan, Italian and Irish analyzers (private there).
  private static final CharArraySet CATALAN_ARTICLES = set("d", "l", "m", "n", "s", "t");
  private static final CharArraySet ITALIAN_ARTICLES = set(
      "c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl", "sugl",
      "un", "m", "t", "s", "v", "d");
  private static final CharArraySet IRISH_ARTICLES = set("d", "m", "b");
  private static final CharArraySet IRISH_HYPHENATIONS = set("h", "n", "t");

  private static void add(Map<String, Chain> map, Chain chain) {
    map.put(chain.name(), chain);
  }

  private static Map<String, Chain> build() {
    Map<String, Chain> m = new LinkedHashMap<>();
    add(m, new Chain("bulgarian", "bg", standard(), lower(), BulgarianAnalyzer::getDefaultStopSet,
        BulgarianStemFilter::new));
    add(m, new Chain("bengali", "bn", standard(),
        ts -> new BengaliNormalizationFilter(new IndicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(ts)))),
        BengaliAnalyzer::getDefaultStopSet, BengaliStemFilter::new));
    add(m, new Chain("brazilian", "pt-br", standard(), lower(), BrazilianAnalyzer::getDefaultStopSet,
        BrazilianStemFilter::new));
    add(m, new Chain("catalan", "ca", standard(), ts -> new LowerCaseFilter(new ElisionFilter(ts, CATALAN_ARTICLES)),
        CatalanAnalyzer::getDefaultStopSet, snowball(org.tartarus.snowball.ext.CatalanStemmer::new)));
    add(m, new Chain("cjk", "cjk", standard(), ts -> new CJKBigramFilter(new LowerCaseFilter(new CJKWidthFilter(ts))),
        CJKAnalyzer::getDefaultStopSet, null));
    add(m, new Chain("chinese", "zh", HMMChineseTokenizer::new, lower(), SmartChineseAnalyzer::getDefaultStopSet,
        null));
    add(m, new Chain("czech", "cs", standard(), lower(), CzechAnalyzer::getDefaultStopSet, CzechStemFilter::new));
    add(m, new Chain("danish", "da", standard(), lower(), DanishAnalyzer::getDefaultStopSet,
        snowball(org.tartarus.snowball.ext.DanishStemmer::new)));
    add(m, new Chain("dutch", "nl", standard(), lower(), DutchAnalyzer::getDefaultStopSet,
        snowball(org.tartarus.snowball.ext.DutchStemmer::new)));
    add(m, new Chain("estonian", "et", standard(), lower(), EstonianAnalyzer::getDefaultStopSet,
        snowball(org.tartarus.snowball.ext.EstonianStemmer::new)));
    add(m, new Chain("basque", "eu", standard(), lower(), BasqueAnalyzer::getDefaultStopSet,
        snowball(org.tartarus.snowball.ext.BasqueStemmer::new)));
    add(m, new Chain("finnish", "fi", standard(), lower(), FinnishAnalyzer::getDefaultStopSet,
        snowball(org.tartarus.snowball.ext.FinnishStemmer::new)));
    add(m, new Chain("french", "fr", standard(),
        ts -> new LowerCaseFilter(new ElisionFilter(ts, FrenchAnalyzer.DEFAULT_ARTICLES)),
        FrenchAnalyzer::getDefaultStopSet, FrenchLightStemFilter::new));
    add(m, new Chain("galician", "gl", standard(), lower(), GalicianAnalyzer::getDefaultStopSet,
        GalicianStemFilter::new));
    add(m, new Chain("german", "de", standard(), lower(), GermanAnalyzer::getDefaultStopSet,
        ts -> new GermanLightStemFilter(new GermanNormalizationFilter(ts))));
    add(m, new Chain("greek", "el", standard(), GreekLowerCaseFilter::new, GreekAnalyzer::getDefaultStopSet,
        GreekStemFilter::new));
    add(m, new Chain("hindi", "hi", standard(),
        ts -> new HindiNormalizationFilter(new IndicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(ts)))),
        HindiAnalyzer::getDefaultStopSet, HindiStemFilter::new));
    add(m, new Chain("hungarian", "hu", standard(), lower(), HungarianAnalyzer::getDefaultStopSet,
        snowball(org.tartarus.snowball.ext.HungarianStemmer::new)));
    add(m, new Chain("armenian", "hy", standard(), lower(), ArmenianAnalyzer::getDefaultStopSet,
        snowball(org.tartarus.snowball.ext.ArmenianStemmer::new)));
    add(m, new Chain("indonesian", "id", standard(), lower(), IndonesianAnalyzer::getDefaultStopSet,
        IndonesianStemFilter::new));
    add(m, new Chain("irish", "ga", standard(),
        ts -> new IrishLowerCaseFilter(new ElisionFilter(new StopFilter(ts, IRISH_HYPHENATIONS), IRISH_ARTICLES)),
        IrishAnalyzer::getDefaultStopSet, snowball(org.tartarus.snowball.ext.IrishStemmer::new)));
    add(m, new Chain("italian", "it", standard(), ts -> new LowerCaseFilter(new ElisionFilter(ts, ITALIAN_ARTICLES)),
        ItalianAnalyzer::getDefaultStopSet, ItalianLightStemFilter::new));
    add(m, new Chain("korean", "ko",
        () -> new KoreanTokenizer(
            KoreanTokenizer.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, null, KoreanTokenizer.DEFAULT_DECOMPOUND, false, true),
        // Nori marks grammar by part of speech (particles, endings), not by a stop list: like Kuromoji here.
        ts -> new LowerCaseFilter(new KoreanReadingFormFilter(new KoreanPartOfSpeechStopFilter(ts))),
        () -> CharArraySet.EMPTY_SET, null));
    add(m, new Chain("kurdish", "ckb", standard(),
        ts -> new DecimalDigitFilter(new LowerCaseFilter(new SoraniNormalizationFilter(ts))),
        SoraniAnalyzer::getDefaultStopSet, SoraniStemFilter::new));
    add(m, new Chain("latvian", "lv", standard(), lower(), LatvianAnalyzer::getDefaultStopSet,
        LatvianStemFilter::new));
    add(m, new Chain("lithuanian", "lt", standard(), lower(), LithuanianAnalyzer::getDefaultStopSet,
        snowball(org.tartarus.snowball.ext.LithuanianStemmer::new)));
    add(m, new Chain("nepali", "ne", standard(),
        ts -> new IndicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(ts))),
        NepaliAnalyzer::getDefaultStopSet, snowball(org.tartarus.snowball.ext.NepaliStemmer::new)));
    add(m, new Chain("norwegian", "no", standard(), lower(), NorwegianAnalyzer::getDefaultStopSet,
        snowball(org.tartarus.snowball.ext.NorwegianStemmer::new)));
    add(m, new Chain("polish", "pl", standard(), lower(), PolishAnalyzer::getDefaultStopSet,
        ts -> new StempelFilter(ts, new StempelStemmer(PolishAnalyzer.getDefaultTable()))));
    add(m, new Chain("portuguese", "pt", standard(), lower(), PortugueseAnalyzer::getDefaultStopSet,
        PortugueseLightStemFilter::new));
    add(m, new Chain("romanian", "ro", standard(), lower(), RomanianAnalyzer::getDefaultStopSet,
        snowball(org.tartarus.snowball.ext.RomanianStemmer::new)));
    add(m, new Chain("serbian", "sr", standard(), lower(), SerbianAnalyzer::getDefaultStopSet,
        ts -> new SerbianNormalizationFilter(
            new SnowballFilter(ts, new org.tartarus.snowball.ext.SerbianStemmer()))));
    add(m, new Chain("spanish", "es", standard(), lower(), SpanishAnalyzer::getDefaultStopSet,
        SpanishLightStemFilter::new));
    add(m, new Chain("swedish", "sv", standard(), lower(), SwedishAnalyzer::getDefaultStopSet,
        snowball(org.tartarus.snowball.ext.SwedishStemmer::new)));
    add(m, new Chain("tamil", "ta", standard(),
        ts -> new IndicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(ts))),
        TamilAnalyzer::getDefaultStopSet, snowball(org.tartarus.snowball.ext.TamilStemmer::new)));
    add(m, new Chain("telugu", "te", standard(),
        ts -> new TeluguNormalizationFilter(new IndicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(ts)))),
        TeluguAnalyzer::getDefaultStopSet, TeluguStemFilter::new));
    add(m, new Chain("thai", "th", ThaiTokenizer::new, ts -> new DecimalDigitFilter(new LowerCaseFilter(ts)),
        ThaiAnalyzer::getDefaultStopSet, null));
    add(m, new Chain("turkish", "tr", standard(), ts -> new TurkishLowerCaseFilter(new ApostropheFilter(ts)),
        TurkishAnalyzer::getDefaultStopSet, snowball(org.tartarus.snowball.ext.TurkishStemmer::new)));
    return java.util.Collections.unmodifiableMap(m);
  }
}
