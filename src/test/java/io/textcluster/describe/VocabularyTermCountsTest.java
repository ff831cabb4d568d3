package io.textcluster.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.textcluster.support.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The counted path gives the same keywords and scores as the SQL path it replaces when a vocabulary is known. */
@SparkTest
class VocabularyTermCountsTest {
  private final SparkSession spark;

  VocabularyTermCountsTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void sameKeywordsAndScoresAsTheAggregationOverExplodedTerms() {
    Random random = new Random(11);
    List<String> words = new ArrayList<>();
    for (int w = 0; w < 400; w++) {
      words.add("w" + w);
    }
    List<Row> rows = new ArrayList<>();
    for (int d = 0; d < 3000; d++) {
      int cluster = d % 7 == 0 ? -1 : random.nextInt(6);
      List<String> terms = new ArrayList<>();
      int length = random.nextInt(30);
      for (int t = 0; t < length; t++) {
        // Skewed per cluster, so clusters have distinct terms, and shared frequent ones.
        int at = (int) Math.abs(random.nextGaussian() * 60) + (random.nextBoolean() ? cluster * 40 + 40 : 0);
        terms.add(words.get(Math.min(at, words.size() - 1)));
      }
      if (d % 13 == 0) {
        terms.add("not-in-vocabulary");
      }
      rows.add(RowFactory.create(cluster, d % 101 == 0 ? null : terms.toArray()));
    }
    // Cluster 9 has only terms outside the vocabulary: no keywords, and it does not count in the mean.
    rows.add(RowFactory.create(9, new Object[] {"not-in-vocabulary"}));
    StructType schema =
        new StructType()
            .add("cluster_id", DataTypes.IntegerType)
            .add("tokens", DataTypes.createArrayType(DataTypes.StringType));
    Dataset<Row> assigned = spark.createDataFrame(rows, schema).repartition(5);
    String[] vocabulary = words.subList(0, 300).toArray(String[]::new);

    Map<Integer, List<Keyword>> sql =
        ClusterKeywords.top(spark, assigned, "cluster_id", "tokens", Optional.of(vocabulary), 15);
    Map<Integer, List<Keyword>> counted =
        VocabularyTermCounts.count(assigned, vocabulary).top(vocabulary, 15);

    assertEquals(sql.keySet(), counted.keySet());
    for (int cluster : sql.keySet()) {
      List<Keyword> expected = sql.get(cluster);
      List<Keyword> actual = counted.get(cluster);
      assertEquals(expected.stream().map(Keyword::term).toList(), actual.stream().map(Keyword::term).toList(),
          "cluster " + cluster);
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(expected.get(i).score(), actual.get(i).score(), 1e-12, "cluster " + cluster);
      }
    }
  }

  @Test
  void largeClusterCountsTimesVocabularyFallBack() {
    assertEquals(true, VocabularyTermCounts.fits(20, 29_258));
    assertEquals(false, VocabularyTermCounts.fits(1_000, 29_258));
  }
}
