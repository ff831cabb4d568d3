package io.textcluster.describe;

import io.textcluster.config.TextConfig;
import io.textcluster.config.TextTemplate;
import io.textcluster.text.TextAnalyzer;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The literal words of input.text-template as the text analyzer sees them: with "Title: {Summary}; Content: {Text}"
 * every document holds "title" and "content", which are scaffolding, not content, so they are no cluster's keyword.
 */
public final class TemplateWords {
  private TemplateWords() {}

  public static Set<String> terms(SparkSession spark, Optional<String> template, TextConfig text) {
    if (template.isEmpty()) {
      return Set.of();
    }
    List<String> parts = TextTemplate.parts(template.get());
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < parts.size(); i += 2) {
      literal.append(parts.get(i)).append(' ');
    }
    if (literal.toString().isBlank()) {
      return Set.of();
    }
    TextAnalyzer analyzer =
        new TextAnalyzer()
            .setInputCol("text")
            .setOutputCol("terms")
            .setLanguage(text.language())
            .setStopwords(text.stopwords())
            .setStemming(text.stemming())
            .setCleanMarkup(text.cleanMarkup())
            .setMaxChars(text.maxChars());
    StructType schema = new StructType().add("text", DataTypes.StringType);
    Row row = analyzer.transform(spark.createDataFrame(List.of(RowFactory.create(literal.toString())), schema))
        .select("terms").first();
    return new HashSet<>(row.<String>getList(0));
  }
}
