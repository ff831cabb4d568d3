package io.textcluster.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.expressions.UserDefinedFunction;

/**
 * A language per text column ({@code input.text-columns = ["text:arabic", "text_fa:persian"]}): each column is
 * analysed by its own language's analyzer and the token lists are joined into one document, so a Quran verse and its
 * Persian translation are both stemmed and stop-word-filtered properly. Entries are "column=language"; a column
 * whose language is auto is detected per row.
 */
public final class ColumnLanguages {

  private ColumnLanguages() {}

  /** Parses "column=language" entries in order; languages become canonical names (or auto). */
  public static Map<String, String> parse(List<String> entries) {
    Map<String, String> byColumn = new LinkedHashMap<>();
    for (String entry : entries) {
      int eq = entry.lastIndexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new IllegalArgumentException("A column language must read column=language, not '" + entry + "'.");
      }
      String language = entry.substring(eq + 1).trim();
      byColumn.put(
          entry.substring(0, eq),
          LanguageRegistry.AUTO.equalsIgnoreCase(language) ? LanguageRegistry.AUTO
              : LanguageRegistry.canonical(language));
    }
    return byColumn;
  }

  /** The columns' tokens in entry order, one array per row; null or blank cells add nothing. */
  static Dataset<Row> transform(
      Dataset<?> dataset, Map<String, String> byColumn, String outputCol, boolean stopwords, boolean stemming,
      boolean cleanMarkup, int maxChars) {
    List<Column> parts = new ArrayList<>();
    for (Map.Entry<String, String> e : byColumn.entrySet()) {
      Column text = dataset.col(quote(e.getKey())).cast("string");
      if (e.getValue().equals(LanguageRegistry.AUTO)) {
        UserDefinedFunction detect =
            functions.udf(new DetectAndAnalyze(stopwords, stemming, cleanMarkup, maxChars), DetectAndAnalyze.OUTPUT_TYPE)
                .asNonNullable().withName("detect_and_analyze");
        parts.add(detect.apply(text).getField("tokens"));
      } else {
        UserDefinedFunction analyze =
            functions
                .udf(new TextAnalyzer.AnalyzeText(e.getValue(), stopwords, stemming, cleanMarkup, maxChars),
                    TextAnalyzer.OUTPUT_TYPE)
                .asNonNullable()
                .withName("analyze_" + e.getValue());
        parts.add(analyze.apply(text));
      }
    }
    return dataset.withColumn(outputCol, functions.concat(parts.toArray(Column[]::new)));
  }

  /** Back-quotes a name so columns with dots or spaces resolve. */
  private static String quote(String column) {
    return "`" + column.replace("`", "``") + "`";
  }
}
