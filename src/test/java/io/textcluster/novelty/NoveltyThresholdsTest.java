package io.textcluster.novelty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.support.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

@SparkTest
class NoveltyThresholdsTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("doc_id", DataTypes.StringType)
          .add("cluster_id", DataTypes.IntegerType)
          .add("distance", DataTypes.DoubleType);

  private final SparkSession spark;

  NoveltyThresholdsTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void thresholdsAreEachClustersOwnQuantileAndPredictUsesThem() {
    Random random = new Random(7);
    List<Row> fitted = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      // Cluster 0 is tight (distances up to 1), cluster 1 loose (up to 2).
      int cluster = i % 2;
      fitted.add(RowFactory.create("d" + i, cluster, random.nextDouble() * (cluster + 1)));
    }
    fitted.add(RowFactory.create("noise", -1, null));
    Dataset<Row> fit = spark.createDataFrame(fitted, SCHEMA);
    Dataset<Row> thresholds = NoveltyThresholds.fit(fit, "cluster_id", "distance", 0.9);
    assertEquals(2, thresholds.count(), "noise has no threshold");
    for (Row row : thresholds.collectAsList()) {
      double expected = 0.9 * (row.getInt(0) + 1);
      assertEquals(expected, row.<Double>getAs(NoveltyThresholds.THRESHOLD), 0.08 * expected);
      assertEquals(99, row.getList(1).size());
    }
    Dataset<Row> flagged = NoveltyThresholds.addColumns(fit, thresholds, "cluster_id", "distance");
    assertEquals(fit.count(), flagged.count(), "a left join keeps every document");
    assertEquals(0.1, NoveltyThresholds.novelShare(flagged).orElseThrow(), 0.03, "the fit's own novel share is 1 - q");

    List<Row> fresh =
        List.of(RowFactory.create("a", 0, 0.95), RowFactory.create("b", 1, 0.95), RowFactory.create("c", 0, 0.5),
            RowFactory.create("n", -1, null));
    Dataset<Row> predicted =
        NoveltyThresholds.addColumns(spark.createDataFrame(fresh, SCHEMA), thresholds, "cluster_id", "distance");
    Row a = predicted.where("doc_id = 'a'").first();
    Row b = predicted.where("doc_id = 'b'").first();
    Row c = predicted.where("doc_id = 'c'").first();
    Row n = predicted.where("doc_id = 'n'").first();
    assertTrue(a.<Boolean>getAs("is_novel"), "beyond the tight cluster's 90th percentile");
    assertFalse(b.<Boolean>getAs("is_novel"), "within the loose cluster's");
    assertTrue(a.<Double>getAs("distance_percentile") >= 0.9);
    assertEquals(0.5, c.<Double>getAs("distance_percentile"), 0.05);
    assertEquals(0.47, b.<Double>getAs("distance_percentile"), 0.06);
    assertNull(n.getAs("is_novel"));
    assertNull(n.getAs("distance_percentile"));
    assertEquals(1.0 / 3, NoveltyThresholds.novelShare(predicted).orElseThrow(), 1e-9, "noise is left out of the share");
  }
}
