package io.textcluster.describe;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Keywords per cluster by class-based TF-IDF (Grootendorst, BERTopic): all documents of a cluster are one document;
 * score(t, c) = tf(t, c) / terms(c) * log(1 + A / f(t)), with A the mean number of terms per cluster and f(t) the
 * frequency of t over all clusters. Computed with Spark aggregations; only the top terms of each cluster (k x N rows)
 * reach the driver. Terms come from the text analyzer, which has already dropped stopwords; with bigrams, two
 * consecutive analysed terms ("prime minister") compete with the single terms, so a bigram bridges a dropped stopword.
 */
public final class ClusterKeywords {
  private ClusterKeywords() {}

  /**
   * @param assigned rows with the cluster column and an array-of-terms column
   * @param vocabulary when present, only these terms are candidates (the TF-IDF vocabulary: frequent enough, not
   *     too common)
   */
  public static Map<Integer, List<Keyword>> top(
      SparkSession spark,
      Dataset<Row> assigned,
      String clusterCol,
      String termsCol,
      Optional<String[]> vocabulary,
      int perCluster) {
    return top(spark, assigned, clusterCol, termsCol, vocabulary, perCluster, false);
  }

  /**
   * @param bigrams also score pairs of consecutive terms, joined by a space; with a vocabulary, both words of a
   *     bigram must be in it
   */
  public static Map<Integer, List<Keyword>> top(
      SparkSession spark,
      Dataset<Row> assigned,
      String clusterCol,
      String termsCol,
      Optional<String[]> vocabulary,
      int perCluster,
      boolean bigrams) {
    Dataset<Row> documents = assigned.select(col(clusterCol).as("cluster"), col(termsCol).as("unigrams"));
    Column candidates = col("unigrams");
    if (bigrams) {
      documents = new NGram().setN(2).setInputCol("unigrams").setOutputCol("bigrams").transform(documents);
      candidates = concat(col("unigrams"), col("bigrams"));
    }
    Dataset<Row> terms = documents.select(col("cluster"), explode(candidates).as("term"));
    if (vocabulary.isPresent()) {
      Dataset<Row> known =
          spark.createDataset(Arrays.asList(vocabulary.get()), Encoders.STRING()).toDF("word");
      // A unigram is its own first and last word, so one rule covers both kinds of term.
      Column words = split(col("term"), " ");
      terms =
          terms
              .withColumn("first", element_at(words, 1))
              .withColumn("last", element_at(words, -1))
              .join(broadcast(known.withColumnRenamed("word", "first")), "first")
              .join(broadcast(known.withColumnRenamed("word", "last")), "last")
              .select("cluster", "term");
    }
    Dataset<Row> counts = terms.groupBy("cluster", "term").agg(count(lit(1)).as("tf"));
    WindowSpec byCluster = Window.partitionBy("cluster");
    WindowSpec byTerm = Window.partitionBy("term");
    // A, the mean number of terms per cluster, over the (cluster, term) counts in the same query: those are k x terms
    // rows at most, never per document, so one partition holds them, and no second job totals them first.
    WindowSpec all = Window.partitionBy();
    Column meanTermsPerCluster = sum("tf").over(all).divide(size(collect_set(col("cluster")).over(all)));
    Dataset<Row> scored =
        counts
            .withColumn("cluster_terms", sum("tf").over(byCluster))
            .withColumn("term_total", sum("tf").over(byTerm))
            .withColumn(
                "score",
                col("tf")
                    .divide(col("cluster_terms"))
                    .multiply(log(lit(1.0).plus(meanTermsPerCluster.divide(col("term_total"))))))
            .withColumn(
                "rank",
                row_number().over(byCluster.orderBy(col("score").desc(), col("term").asc())))
            .filter(col("rank").leq(perCluster));
    Map<Integer, List<Keyword>> result = new TreeMap<>();
    // Ordered here, not by Spark: a distributed sort of k x N rows would cost a sampling job and a shuffle.
    List<Row> rows = new ArrayList<>(scored.select("cluster", "term", "score", "rank").collectAsList());
    rows.sort(Comparator.<Row>comparingInt(r -> r.getInt(0)).thenComparingInt(r -> r.getInt(3)));
    for (Row row : rows) {
      result
          .computeIfAbsent(row.getInt(0), c -> new ArrayList<>())
          .add(new Keyword(row.getString(1), row.getDouble(2)));
    }
    return result;
  }
}
