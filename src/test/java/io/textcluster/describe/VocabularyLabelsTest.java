package io.textcluster.describe;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.row_number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.support.SharedData;
import io.textcluster.support.SparkTest;
import io.textcluster.text.TextAnalyzer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * Seed 002's vocabulary labels as an embedding run computes them (TF-IDF fitted on the analysed terms in the describe
 * stage, {@link LabelVocabulary}), on Japanese: 120 livedoor articles of three categories analysed by Kuromoji. The
 * document vectors stand in for a model's embeddings: each article's category as a one-hot vector, so the centres are
 * the categories and a term's embedding says in which categories its TF-IDF mass lies. Labels must then be Kuromoji
 * lemmas of the vocabulary (readable words, no particles) that belong to their category.
 */
@SparkTest
class VocabularyLabelsTest {
  private static final List<String> CATEGORIES = List.of("sports-watch", "it-life-hack", "movie-enter");
  private static final Set<String> PARTICLES = Set.of("は", "が", "を", "に", "の", "で", "と", "も", "へ", "や");

  private final SparkSession spark;

  VocabularyLabelsTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void japaneseLabelsAreLemmasOfTheVocabularyNearestTheirCategory() {
    Dataset<Row> articles =
        spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
            .csv(SharedData.corpus("livedoor").resolve("livedoor_subset.part*.csv").toString())
            .filter(col("label").isin(CATEGORIES.toArray()))
            .withColumn("n", row_number().over(Window.partitionBy("label").orderBy(col("id").cast("int"))))
            .filter(col("n").leq(40));
    UDF1<String, Vector> oneHot =
        label -> {
          double[] v = new double[CATEGORIES.size()];
          v[CATEGORIES.indexOf(label)] = 1;
          return Vectors.dense(v);
        };
    Dataset<Row> documents =
        new TextAnalyzer()
            .setInputCol("text")
            .setOutputCol("tokens")
            .setLanguage("japanese")
            .transform(articles.select(col("label"), concat_ws(" ", col("title"), col("body")).as("text")))
            .withColumn("features", functions.udf(oneHot, SQLDataTypes.VectorType()).apply(col("label")))
            .cache();
    assertEquals(120, documents.count());

    LabelVocabulary vocabulary = LabelVocabulary.fit(documents, "tokens", 2000, 3, 0.5);
    assertTrue(vocabulary.terms().length > 100 && vocabulary.terms().length <= 2000,
        vocabulary.terms().length + " terms");
    Vector[] centres = new Vector[CATEGORIES.size()];
    for (int c = 0; c < centres.length; c++) {
      double[] v = new double[CATEGORIES.size()];
      v[c] = 1;
      centres[c] = Vectors.dense(v);
    }
    Map<Integer, List<Keyword>> labels =
        VocabularyLabels.top(
            spark, vocabulary.weighted(), LabelVocabulary.WEIGHTS, "features", vocabulary.terms(), centres, 10);
    documents.unpersist();

    assertEquals(Set.of(0, 1, 2), labels.keySet());
    List<String> known = Arrays.asList(vocabulary.terms());
    for (Map.Entry<Integer, List<Keyword>> cluster : labels.entrySet()) {
      List<String> terms = cluster.getValue().stream().map(Keyword::term).toList();
      assertEquals(10, terms.size(), terms.toString());
      for (String term : terms) {
        assertTrue(known.contains(term), term + " is not in the label vocabulary");
        assertFalse(PARTICLES.contains(term), "particle among the labels: " + terms);
        assertTrue(term.length() > 1 || Character.isIdeographic(term.codePointAt(0)), "not a word: " + terms);
      }
    }
    // Each category's own words: the sports articles' labels hold sports words, the IT ones IT words, the films film
    // words (any one of several is enough; which ones lead depends on the sample).
    assertAnyOf(labels.get(0), "選手", "試合", "監督", "サッカー", "野球", "代表", "プロ野球", "五輪", "優勝", "チーム");
    assertAnyOf(labels.get(1), "アプリ", "パソコン", "iphone", "android", "ソフト", "ファイル", "windows", "機能",
        "ノート", "サービス", "データ", "pc");
    assertAnyOf(labels.get(2), "映画", "公開", "監督", "作品", "主演", "劇場", "ハリウッド", "シリーズ", "俳優",
        "女優");
  }

  private static void assertAnyOf(List<Keyword> labels, String... expected) {
    List<String> terms = labels.stream().map(Keyword::term).toList();
    assertTrue(Arrays.stream(expected).anyMatch(terms::contains), "labels " + terms + " hold none of "
        + Arrays.toString(expected));
  }
}
