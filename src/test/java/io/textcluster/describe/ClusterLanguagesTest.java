package io.textcluster.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

@SparkTest
class ClusterLanguagesTest {

  private final SparkSession spark;

  ClusterLanguagesTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> assigned(Object[][] clusterLanguageCount) {
    List<Row> rows = new ArrayList<>();
    for (Object[] c : clusterLanguageCount) {
      for (int i = 0; i < (Integer) c[2]; i++) {
        rows.add(RowFactory.create(c[0], c[1]));
      }
    }
    StructType schema = new StructType().add("cluster_id", DataTypes.IntegerType).add("language", DataTypes.StringType);
    return spark.createDataFrame(rows, schema);
  }

  @Test
  void countsEachLanguageOfEachClusterLargestFirst() {
    Map<Integer, List<ClusterLanguages.Share>> mix = ClusterLanguages.compute(
        assigned(new Object[][] {{0, "english", 8}, {0, "japanese", 2}, {1, "persian", 5}, {1, null, 5}}),
        "cluster_id", "language");
    assertEquals(2, mix.size());
    assertEquals("english 80%, japanese 20%", ClusterLanguages.describe(mix.get(0)));
    // Ties are ordered by name; a missing language is shown, never dropped.
    assertEquals("persian 50%, unknown 50%", ClusterLanguages.describe(mix.get(1)));
    assertEquals(10, mix.get(1).stream().mapToLong(ClusterLanguages.Share::documents).sum());
    assertEquals((8 + 5) / 20.0, ClusterLanguages.languagePurity(mix), 1e-12);
  }

  @Test
  void singleLanguageClustersArePure() {
    Map<Integer, List<ClusterLanguages.Share>> mix = ClusterLanguages.compute(
        assigned(new Object[][] {{0, "arabic", 3}, {1, "persian", 4}}), "cluster_id", "language");
    assertEquals(1.0, ClusterLanguages.languagePurity(mix), 1e-12);
    assertEquals(1.0, mix.get(0).get(0).fraction(), 1e-12);
  }
}
