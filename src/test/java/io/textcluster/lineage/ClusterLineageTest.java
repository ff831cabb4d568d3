package io.textcluster.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
class ClusterLineageTest {
  private static final StructType ASSIGNED =
      new StructType().add("doc_id", DataTypes.StringType).add("cluster_id", DataTypes.IntegerType);

  private final SparkSession spark;

  ClusterLineageTest(SparkSession spark) {
    this.spark = spark;
  }

  /** Documents from..to-1 in one cluster. */
  private static void add(List<Row> rows, int from, int to, int cluster) {
    for (int i = from; i < to; i++) {
      rows.add(RowFactory.create("d" + i, cluster));
    }
  }

  @Test
  void oneClusterSplitOneTopicRemovedOneAdded() {
    List<Row> earlier = new ArrayList<>();
    add(earlier, 0, 100, 0); // stays
    add(earlier, 100, 200, 1); // splits in two
    add(earlier, 200, 300, 2); // its documents leave the corpus
    add(earlier, 300, 305, -1); // noise counts as no cluster
    List<Row> current = new ArrayList<>();
    add(current, 0, 97, 7);
    add(current, 97, 100, 5); // a few documents move: below the share that makes a link
    add(current, 100, 150, 5);
    add(current, 150, 200, 6);
    add(current, 400, 480, 9); // a new topic
    ClusterLineage.Result result = lineage(earlier, current);

    assertEquals(Map.of("continued", 1, "split", 2, "born", 1, "died", 1), result.events());
    assertEquals("1 cluster born, 2 split, 1 died, 1 continued", result.summary());
    Map<Integer, String> eventOf = new HashMap<>();
    for (Row row : result.rows()) {
      if (!row.isNullAt(1)) {
        eventOf.put(row.getInt(1), row.getString(7));
      } else {
        assertEquals(2, row.getInt(3), "only the removed topic dies");
        assertEquals(1.0, row.getDouble(6), 1e-12, "all its documents left the corpus");
      }
    }
    assertEquals(Map.of(7, "continued", 5, "split", 6, "split", 9, "born"), eventOf);
    // Shares of each cluster's documents (links plus new documents) sum to 1.
    Map<Integer, Double> shares = new HashMap<>();
    result.rows().stream().filter(r -> !r.isNullAt(1)).forEach(r -> shares.merge(r.getInt(1), r.getDouble(5), Double::sum));
    shares.values().forEach(s -> assertEquals(1.0, s, 1e-9));
    Dataset<Row> table = result.table(spark);
    assertEquals(result.rows().size(), table.count());
    assertTrue(table.where("cluster_id = 5 AND earlier_cluster_id = 0").count() == 1, "minor links are kept as rows");
  }

  @Test
  void twoClustersMergedIntoOne() {
    List<Row> earlier = new ArrayList<>();
    add(earlier, 0, 60, 0);
    add(earlier, 60, 100, 1);
    add(earlier, 100, 200, 2);
    List<Row> current = new ArrayList<>();
    add(current, 0, 100, 0);
    add(current, 100, 200, 1);
    ClusterLineage.Result result = lineage(earlier, current);
    assertEquals(Map.of("merged", 1, "continued", 1), result.events());
    assertEquals(1.0, result.metrics().get("lineage_merged"));
    assertEquals(0.0, result.metrics().get("lineage_died"));
  }

  private ClusterLineage.Result lineage(List<Row> earlier, List<Row> current) {
    return ClusterLineage.compute(
        "now", spark.createDataFrame(current, ASSIGNED), "before", spark.createDataFrame(earlier, ASSIGNED),
        "doc_id", "cluster_id", 0.2);
  }
}
