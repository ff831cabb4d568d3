package io.textcluster.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.support.SparkTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

@SparkTest
class ClusterKeywordsTest {
  private final SparkSession spark;

  ClusterKeywordsTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> assigned() {
    StructType schema =
        new StructType()
            .add("cluster_id", DataTypes.IntegerType)
            .add("tokens", DataTypes.createArrayType(DataTypes.StringType));
    return spark.createDataFrame(
        List.of(
            RowFactory.create(0, List.of("goal", "match", "team", "said").toArray()),
            RowFactory.create(0, List.of("goal", "league", "team", "said").toArray()),
            RowFactory.create(1, List.of("bank", "rate", "market", "said").toArray()),
            RowFactory.create(1, List.of("bank", "profit", "said").toArray())),
        schema);
  }

  @Test
  void distinctiveTermsRankAboveSharedOnes() {
    Map<Integer, List<Keyword>> top = ClusterKeywords.top(spark, assigned(), "cluster_id", "tokens", Optional.empty(), 2);
    assertEquals(List.of("goal", "team"), top.get(0).stream().map(Keyword::term).toList());
    assertEquals("bank", top.get(1).get(0).term());
    assertTrue(top.get(0).get(0).score() > 0);
  }

  @Test
  void vocabularyRestrictsCandidates() {
    Map<Integer, List<Keyword>> top =
        ClusterKeywords.top(
            spark, assigned(), "cluster_id", "tokens", Optional.of(new String[] {"team", "said", "market"}), 5);
    assertFalse(top.get(0).stream().anyMatch(k -> k.term().equals("goal")));
    assertEquals("team", top.get(0).get(0).term());
  }

  @Test
  void bigramsJoinConsecutiveTermsAndNeedBothWordsInTheVocabulary() {
    StructType schema =
        new StructType()
            .add("cluster_id", DataTypes.IntegerType)
            .add("tokens", DataTypes.createArrayType(DataTypes.StringType));
    Dataset<Row> assigned =
        spark.createDataFrame(
            List.of(
                RowFactory.create(0, new String[] {"prime", "minister", "visit"}),
                RowFactory.create(0, new String[] {"prime", "minister", "speech"}),
                RowFactory.create(0, new String[] {"prime", "minister", "vote"}),
                RowFactory.create(1, new String[] {"interest", "rate", "rise"}),
                RowFactory.create(1, new String[] {"interest", "rate", "cut"})),
            schema);
    List<String> withBigrams =
        ClusterKeywords.top(spark, assigned, "cluster_id", "tokens", Optional.empty(), 3, true).get(0).stream()
            .map(Keyword::term)
            .toList();
    assertTrue(withBigrams.contains("prime minister"), withBigrams.toString());
    assertFalse(
        ClusterKeywords.top(spark, assigned, "cluster_id", "tokens", Optional.empty(), 10, false).get(0).stream()
            .anyMatch(k -> k.term().contains(" ")));
    List<String> restricted =
        ClusterKeywords.top(
                spark, assigned, "cluster_id", "tokens", Optional.of(new String[] {"interest", "rate", "cut"}), 10,
                true)
            .get(1).stream()
            .map(Keyword::term)
            .toList();
    assertTrue(restricted.contains("interest rate") && restricted.contains("rate cut"), restricted.toString());
    assertFalse(restricted.contains("rate rise"), "rise is not in the vocabulary: " + restricted);
  }
}
