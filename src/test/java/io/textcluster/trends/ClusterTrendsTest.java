package io.textcluster.trends;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.TextClusterException;
import io.textcluster.support.SharedData;
import io.textcluster.support.SparkTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

@SparkTest
class ClusterTrendsTest {
  private final SparkSession spark;

  ClusterTrendsTest(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * The fine-food reviews' Time column (epoch seconds, read by CSV as text or number). The grouping here is the
   * review score standing in for a cluster id: the trends arithmetic does not depend on how documents were grouped
   * (the job test runs it on real clusters).
   */
  @Test
  void fineFoodSharesSumToOnePerDay() {
    Dataset<Row> reviews =
        spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
            .csv(SharedData.corpus("fine_food_reviews").resolve("fine_food_reviews_1k.csv").toString())
            .select(col("id"), col("Score").cast("int").as("cluster_id"), col("Time"));
    ClusterTrends.Result result = ClusterTrends.compute("r1", reviews, "cluster_id", "Time", "day", 2);
    List<Row> rows = result.rows().collectAsList();
    Map<String, Double> sharePerDay = new HashMap<>();
    long documents = 0;
    for (Row row : rows) {
      sharePerDay.merge(row.getAs("period").toString(), row.<Double>getAs("share"), Double::sum);
      documents += row.<Long>getAs("documents");
    }
    assertEquals(1000, documents + result.untimedDocuments());
    assertTrue(sharePerDay.size() >= 2, "the sample spans two days: " + sharePerDay.keySet());
    sharePerDay.values().forEach(s -> assertEquals(1.0, s, 1e-9));
    assertTrue(result.emerging().size() <= 2);
    for (Row row : rows) {
      boolean emerging = row.getAs("emerging");
      assertEquals(result.emerging().contains(row.<Integer>getAs("cluster_id")), emerging);
      if (emerging) {
        assertTrue(row.<Double>getAs("share_growth") > 0);
      }
    }
  }

  @Test
  void theFastestGrowingClusterEmergesAndMissingPeriodsCountAsZero() {
    StructType schema =
        new StructType().add("cluster_id", DataTypes.IntegerType).add("published", DataTypes.DateType);
    List<Row> docs = new ArrayList<>();
    // Cluster 0 steady, cluster 1 shrinking, cluster 2 absent in January then growing; noise -1 grows fastest of all.
    int[][] perMonth = {{10, 10, 0, 0}, {10, 6, 2, 3}, {10, 3, 6, 12}};
    for (int month = 0; month < 3; month++) {
      for (int c = 0; c < 4; c++) {
        for (int i = 0; i < perMonth[month][c]; i++) {
          docs.add(RowFactory.create(c == 3 ? -1 : c, java.sql.Date.valueOf("2026-0" + (month + 1) + "-1" + (i % 9))));
        }
      }
    }
    ClusterTrends.Result result =
        ClusterTrends.compute("r", spark.createDataFrame(docs, schema), "cluster_id", "published", "month", 1);
    assertEquals(List.of(2), result.emerging());
    assertEquals(12, result.rows().count(), "3 months x 4 groups, zeros included");
    assertEquals(0L, result.rows().where("cluster_id = 2 AND period = DATE'2026-01-01'").first().<Long>getAs("documents"));
    assertFalse(result.rows().where("cluster_id = 1").first().<Boolean>getAs("emerging"));
  }

  @Test
  void aColumnThatHoldsNoTimeNamesTheKey() {
    StructType schema = new StructType().add("cluster_id", DataTypes.IntegerType).add("flag", DataTypes.BooleanType);
    Dataset<Row> docs = spark.createDataFrame(List.of(RowFactory.create(0, true)), schema);
    TextClusterException e =
        assertThrows(TextClusterException.class, () -> ClusterTrends.compute("r", docs, "cluster_id", "flag", "day", 1));
    assertTrue(e.getMessage().contains("input.time-column"), e.getMessage());
  }
}
