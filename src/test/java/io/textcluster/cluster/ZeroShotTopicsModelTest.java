package io.textcluster.cluster;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.textcluster.schema.Columns;
import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zero-shot stage (issue 22): topics first, free clusters shifted after them, noise kept, the same after a save
 * and load; and the analyst's names follow the ids through merges and renumbering.
 */
@SparkTest
class ZeroShotTopicsModelTest {
  private final SparkSession spark;
  @TempDir Path temp;

  ZeroShotTopicsModelTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void topicsComeFirstAndSurviveASave() throws Exception {
    // Topics along x and y (given at any length); documents as the free clustering's stage left them.
    ZeroShotTopicsModel rule =
        ZeroShotTopicsModel.of(new Vector[] {Vectors.dense(3, 0, 0), Vectors.dense(0, 2, 0)}).setMinSimilarity(0.8);
    List<Row> rows = List.of(
        RowFactory.create("near-x", Vectors.dense(1, 0.1, 0.1), 1),
        RowFactory.create("near-y", Vectors.sparse(3, new int[] {1, 2}, new double[] {1, 0.2}), 0),
        RowFactory.create("between", Vectors.dense(1, 1, 0), 1),
        RowFactory.create("far", Vectors.dense(0, 0, 1), 0),
        RowFactory.create("noise", Vectors.dense(-1, 0, 0.2), -1));
    Dataset<Row> documents = spark.createDataFrame(rows, new StructType()
        .add(Columns.DOC_ID, DataTypes.StringType).add(Columns.FEATURES, SQLDataTypes.VectorType())
        .add(Columns.CLUSTER_ID, DataTypes.IntegerType));
    Map<String, Integer> expected = Map.of("near-x", 0, "near-y", 1, "between", 3, "far", 2, "noise", -1);
    assertEquals(expected, ids(rule.transform(documents)));
    String path = temp.resolve("rule").toString();
    rule.write().save(path);
    ZeroShotTopicsModel loaded = ZeroShotTopicsModel.load(path);
    assertEquals(0.8, loaded.getMinSimilarity());
    assertEquals(expected, ids(loaded.transform(documents)));
  }

  @Test
  void namesFollowMergesAndRenumbering() {
    NamedClusters named = new NamedClusters().setNames(new String[] {"World", "Sports", "", "Business"});
    ClusterMerge merge = new ClusterMerge().setInto(new int[] {0, 1, 0, 2});
    assertEquals(Map.of(0, "World", 1, "Sports", 3, "Business"), ClusterNames.of(named));
    assertEquals(Map.of(0, "World", 1, "Sports", 2, "Business"),
        ClusterNames.of(pipeline(named, merge)));
    ClusterMerge both = new ClusterMerge().setInto(new int[] {0, 1, 0, 0});
    assertEquals(Map.of(0, "World + Business", 1, "Sports"), ClusterNames.of(pipeline(named, both)));
    ClusterIdMapping renumbered = new ClusterIdMapping().setMapping(new int[] {0, 1, 2, 3}, new int[] {3, 2, 1, 0});
    assertEquals(Map.of(3, "World", 2, "Sports", 0, "Business"), ClusterNames.of(pipeline(named, renumbered)));
    assertEquals(Map.of(), ClusterNames.of(merge));
  }

  private static PipelineModel pipeline(Transformer... stages) {
    return new PipelineModel(Identifiable.randomUID("test"), stages);
  }

  private static Map<String, Integer> ids(Dataset<Row> assigned) {
    Map<String, Integer> ids = new java.util.HashMap<>();
    assigned.select(col(Columns.DOC_ID), col(Columns.CLUSTER_ID)).collectAsList()
        .forEach(r -> ids.put(r.getString(0), r.getInt(1)));
    return ids;
  }
}
