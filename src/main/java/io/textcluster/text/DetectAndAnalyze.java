package io.textcluster.text;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * text.language = auto, per row: the document's language detected ({@link LanguageDetector}) and the document
 * analysed by that language's analyzer, returned together as struct&lt;language, tokens&gt; so the markup is
 * cleaned once. Like {@code TextAnalyzer.AnalyzeText} it holds only parameter values; analyzers come from the
 * executor JVM's cache.
 */
final class DetectAndAnalyze implements UDF1<String, Row> {

  private static final long serialVersionUID = 1L;
  private static final String[] NONE = new String[0];

  static final StructType OUTPUT_TYPE =
      new StructType()
          .add("language", DataTypes.StringType, false)
          .add("tokens", TextAnalyzer.OUTPUT_TYPE, false);

  private final boolean stopwords;
  private final boolean stemming;
  private final boolean cleanMarkup;
  private final int maxChars;

  DetectAndAnalyze(boolean stopwords, boolean stemming, boolean cleanMarkup, int maxChars) {
    this.stopwords = stopwords;
    this.stemming = stemming;
    this.cleanMarkup = cleanMarkup;
    this.maxChars = maxChars;
  }

  @Override
  public Row call(String text) {
    if (text == null || text.isEmpty()) {
      return RowFactory.create("generic", NONE);
    }
    String s = TextAnalyzer.AnalyzeText.truncate(text, maxChars);
    if (cleanMarkup) {
      s = MarkupCleaner.clean(s);
    }
    String language = LanguageDetector.detect(s);
    Analyzer analyzer = LanguageAnalyzers.create(language, stopwords, stemming);
    List<String> tokens = LanguageAnalyzers.analyze(analyzer, s);
    return RowFactory.create(language, tokens.toArray(NONE));
  }
}
