package io.textcluster.describe;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.describe.ClusterTopValues.ValueCount;
import io.textcluster.support.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Per-cluster metadata aggregates (mean, min, max, top values) and the seeded random samples. */
@SparkTest
class ClusterMetadataTest {
  private final SparkSession spark;

  ClusterMetadataTest(SparkSession spark) {
    this.spark = spark;
  }

  /** 40 documents in two clusters: Score 1..5 cycling, Brand "acme" three times in four, else "zed". */
  private Dataset<Row> assigned() {
    StructType schema =
        new StructType()
            .add("doc_id", DataTypes.StringType)
            .add("cluster_id", DataTypes.IntegerType)
            .add("text", DataTypes.StringType)
            .add("distance", DataTypes.DoubleType)
            .add("sq", DataTypes.DoubleType)
            .add("Score", DataTypes.IntegerType)
            .add("Brand", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.add(
          RowFactory.create(
              "d" + i, i % 2, "review   number\n" + i + " of many", i / 100.0, 1.0, 1 + i % 5,
              i % 4 == 3 ? "zed" : "acme"));
    }
    return spark.createDataFrame(rows, schema);
  }

  @Test
  void numericColumnsGetMeanMinMaxAndTheMeansStayAsTheyWere() {
    Map<Integer, ClusterStatistics.Stats> stats =
        ClusterStatistics.compute(assigned(), "cluster_id", "sq", List.of("Score", "Brand"));
    // Cluster 0 holds even i: Score 1 + i % 5 over i = 0, 2, ..., 38 -> 1, 3, 5, 2, 4 repeated four times.
    ClusterStatistics.NumericSummary score = stats.get(0).numeric().get("Score");
    assertEquals(3.0, score.mean(), 1e-12);
    assertEquals(1.0, score.min());
    assertEquals(5.0, score.max());
    assertEquals(3.0, stats.get(0).means().get("Score"), 1e-12);
    assertEquals(20, stats.get(0).size());
    assertTrue(!stats.get(0).numeric().containsKey("Brand"), "a text column has no mean");
  }

  @Test
  void categoricalColumnsGetTheirMostFrequentValues() {
    Map<Integer, Map<String, List<ValueCount>>> top =
        ClusterTopValues.top(assigned(), "cluster_id", List.of("Score", "Brand"), 1);
    // Cluster 1 holds odd i; i % 4 == 3 for half of them: 10 "zed", 10 "acme" -> tie broken by value.
    assertEquals(List.of(new ValueCount("acme", 10)), top.get(1).get("Brand"));
    // Cluster 0 holds even i, never i % 4 == 3: all "acme".
    assertEquals(List.of(new ValueCount("acme", 20)), top.get(0).get("Brand"));
    assertTrue(!top.get(0).containsKey("Score"), "numeric columns get mean/min/max instead");
  }

  @Test
  void samplesAreSeededBoundedAndIndependentOfPartitioning() {
    Dataset<Row> assigned = assigned();
    Map<Integer, List<Representative>> a =
        ClusterSamples.sample(assigned, "cluster_id", "doc_id", "text", "distance", 5, 12, 42);
    Map<Integer, List<Representative>> b =
        ClusterSamples.sample(assigned.repartition(4), "cluster_id", "doc_id", "text", "distance", 5, 12, 42);
    Map<Integer, List<Representative>> other =
        ClusterSamples.sample(assigned, "cluster_id", "doc_id", "text", "distance", 5, 12, 7);
    assertEquals(a, b);
    assertNotEquals(a, other, "another seed draws other documents");
    assertEquals(5, a.get(0).size());
    for (Representative r : a.get(1)) {
      int i = Integer.parseInt(r.docId().substring(1));
      assertEquals(1, i % 2, "a sample of cluster 1 holds only its documents");
      assertEquals("review numbe", r.snippet(), "whitespace collapsed, cut to 12 characters");
    }
    // Not just the nearest: the nearest five of cluster 0 are d0..d8, a seeded sample of 20 is unlikely to be them.
    List<String> nearest = List.of("d0", "d2", "d4", "d6", "d8");
    assertNotEquals(nearest, a.get(0).stream().map(Representative::docId).toList());
    assertEquals(20, assigned.filter(col("cluster_id").equalTo(0)).count());
  }
}
