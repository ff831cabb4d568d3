package io.textcluster.guided;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import io.textcluster.config.TextClusterException;
import io.textcluster.schema.Columns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The analyst's topic texts as vectors in the run's own feature space: each text goes through the run's fitted feature
 * pipeline (text analysis, then TF-IDF with the corpus's vocabulary and weights, or the run's embedding model) as if it
 * were a document, and a topic's vector is the mean of its texts' vectors, scaled to unit length like the documents'.
 * A handful of rows, one small Spark job; the embedding cache is not consulted.
 */
public final class TopicVectors {
  private static final String INDEX = "topic_text_index";

  private TopicVectors() {}

  /**
   * @param texts topic name -> its texts, in id order
   * @param corpusSchema the corpus's columns as the features stage read them: every string column gets the text (so
   *     per-column languages see it), the id a made-up one, other columns null
   * @param key the config key the topics came from, for the message when a topic has no vector
   */
  public static Vector[] of(
      SparkSession spark, PipelineModel features, StructType corpusSchema, Map<String, List<String>> texts,
      String key) {
    List<Row> rows = new ArrayList<>();
    List<String> owners = new ArrayList<>();
    texts.forEach((name, list) -> list.forEach(text -> {
      rows.add(RowFactory.create(rows.size(), text));
      owners.add(name);
    }));
    Dataset<Row> base = spark.createDataFrame(rows, new StructType()
        .add(INDEX, DataTypes.IntegerType, false).add(Columns.TEXT, DataTypes.StringType, false));
    List<Column> columns = new ArrayList<>();
    for (StructField field : corpusSchema.fields()) {
      columns.add(column(field).as(field.name()));
    }
    columns.add(col(INDEX));
    Dataset<Row> documents = base.select(columns.toArray(Column[]::new));
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (Row row : features.transform(documents).select(INDEX, Columns.FEATURES).collectAsList()) {
      double[] vector = ((Vector) row.get(1)).toArray();
      double[] sum = sums.computeIfAbsent(owners.get(row.getInt(0)), name -> new double[vector.length]);
      for (int f = 0; f < vector.length; f++) {
        sum[f] += vector[f];
      }
    }
    Vector[] vectors = new Vector[texts.size()];
    int t = 0;
    for (String name : texts.keySet()) {
      double[] sum = sums.get(name);
      double norm = sum == null ? 0 : Math.sqrt(java.util.Arrays.stream(sum).map(x -> x * x).sum());
      if (norm == 0) {
        throw new TextClusterException(
            "Config key '" + key + ".\"" + name + "\"': none of its words is in the run's vocabulary, so the topic has "
                + "no vector; use words that occur in the corpus (see features.tfidf.min-doc-freq), or example "
                + "documents.");
      }
      for (int f = 0; f < sum.length; f++) {
        sum[f] /= norm;
      }
      vectors[t++] = Vectors.dense(sum).compressed();
    }
    return vectors;
  }

  private static Column column(StructField field) {
    if (field.name().equals(Columns.DOC_ID)) {
      return field.dataType() instanceof NumericType
          ? lit(-1).minus(col(INDEX)).cast(field.dataType())
          : concat(lit("topic-text-"), col(INDEX).cast(DataTypes.StringType)).cast(field.dataType());
    }
    if (field.dataType().equals(DataTypes.StringType)) {
      return col(Columns.TEXT);
    }
    return lit(null).cast(field.dataType());
  }
}
