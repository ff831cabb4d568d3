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
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
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
        ClusterBreakdown.compute(assigned(), "cluster_id", "features", new Vector[0], null, List.of("Score", "Brand"), 1)
            .topValues();
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
        ClusterDocuments.select(assigned, assigned, "cluster_id", "doc_id", "text", "distance", 3, 5, 12, 42).samples();
    Map<Integer, List<Representative>> b =
        ClusterDocuments.select(assigned.repartition(4), assigned, "cluster_id", "doc_id", "text", "distance", 3, 5, 12, 42)
            .samples();
    Map<Integer, List<Representative>> other =
        ClusterDocuments.select(assigned, assigned, "cluster_id", "doc_id", "text", "distance", 3, 5, 12, 7).samples();
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

  @Test
  void representativesComeFromTheSameWindowPassNearestFirst() {
    ClusterDocuments.Result shown =
        ClusterDocuments.select(assigned(), assigned(), "cluster_id", "doc_id", "text", "distance", 3, 5, 12, 42);
    // Distances grow with i: the nearest of cluster 0 are d0, d2, d4 and of cluster 1 d1, d3, d5.
    assertEquals(List.of("d0", "d2", "d4"), shown.representatives().get(0).stream().map(Representative::docId).toList());
    assertEquals(List.of("d1", "d3", "d5"), shown.representatives().get(1).stream().map(Representative::docId).toList());
    assertEquals(5, shown.samples().get(1).size());
  }

  @Test
  void theBreakdownCountsLabelsAndSpreadAroundTheMeansInOneScan() {
    StructType schema = new StructType().add("cluster_id", DataTypes.IntegerType).add("label", DataTypes.StringType)
        .add("features", new org.apache.spark.ml.linalg.VectorUDT());
    List<Row> rows = List.of(
        RowFactory.create(0, "a", Vectors.dense(0, 0)), RowFactory.create(0, "a", Vectors.dense(2, 0)),
        RowFactory.create(1, "b", Vectors.dense(10, 10)), RowFactory.create(1, null, Vectors.dense(10, 14)),
        RowFactory.create(-1, "b", Vectors.dense(50, 50)));
    Vector[] means = {Vectors.dense(1, 0), Vectors.dense(10, 12)};
    ClusterBreakdown.Result result = ClusterBreakdown.compute(
        spark.createDataFrame(rows, schema), "cluster_id", "features", means, "label", List.of(), 3);
    // Each document of cluster 0 lies 1 from its mean, of cluster 1 lies 2; noise has no mean and no spread.
    assertEquals(2.0, result.spread().get(0)[0], 1e-12);
    assertEquals(2.0, result.spread().get(0)[1], 1e-12);
    assertEquals(4.0, result.spread().get(1)[0], 1e-12);
    assertEquals(8.0, result.spread().get(1)[1], 1e-12);
    assertTrue(!result.spread().containsKey(-1));
    io.textcluster.evaluate.LabelContingency labels = io.textcluster.evaluate.LabelContingency.of(result.labelCounts());
    assertEquals(Map.of("a", 2L), labels.labelCounts(0));
    assertEquals(Map.of("b", 1L, io.textcluster.evaluate.LabelContingency.NO_LABEL, 1L), labels.labelCounts(1));
    assertEquals(Map.of("b", 1L), labels.labelCounts(-1));
  }
}
