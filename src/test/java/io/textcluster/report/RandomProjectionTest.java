package io.textcluster.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class RandomProjectionTest {
  private final SparkSession spark;
  @TempDir Path dir;

  RandomProjectionTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> sparseRows(int n, int size) {
    SplittableRandom random = new SplittableRandom(3);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      java.util.TreeMap<Integer, Double> terms = new java.util.TreeMap<>();
      for (int t = 0; t < 30; t++) {
        terms.put(random.nextInt(size), random.nextDouble());
      }
      rows.add(RowFactory.create(i, Vectors.sparse(size, terms.keySet().stream().mapToInt(Integer::intValue).toArray(),
          terms.values().stream().mapToDouble(Double::doubleValue).toArray())));
    }
    return spark.createDataFrame(rows, new StructType().add("id", "int").add("features", SQLDataTypes.VectorType()));
  }

  @Test
  void keepsDistancesRoughlyAndSurvivesSaveAndLoad() throws Exception {
    RandomProjection projection = new RandomProjection().setInputCol("features").setOutputCol("p").setDimensions(256);
    List<Row> rows = projection.transform(sparseRows(40, 100_000)).orderBy("id").collectAsList();
    double ratioSum = 0;
    int pairs = 0;
    for (int i = 0; i + 1 < rows.size(); i += 2) {
      double original = Vectors.sqdist(rows.get(i).getAs("features"), rows.get(i + 1).getAs("features"));
      double projected = Vectors.sqdist(rows.get(i).<Vector>getAs("p"), rows.get(i + 1).<Vector>getAs("p"));
      ratioSum += projected / original;
      pairs++;
    }
    assertEquals(1.0, ratioSum / pairs, 0.1, "squared distances are kept on average");
    assertEquals(256, rows.get(0).<Vector>getAs("p").size());

    String path = dir.resolve("projection").toString();
    projection.write().overwrite().save(path);
    RandomProjection loaded = RandomProjection.load(path);
    assertEquals(256, (int) loaded.getOrDefault(loaded.dimensions()));
    List<Row> again = loaded.transform(sparseRows(40, 100_000)).orderBy("id").collectAsList();
    assertEquals(rows.get(5).<Vector>getAs("p"), again.get(5).<Vector>getAs("p"), "the matrix is a function of the seed");
  }

  @Test
  void projectsAsTheSignMatrixSaysForSparseAndDenseRows() {
    // 70 dimensions: one full block of 64 signs and a partial one, to cover both paths of the sum.
    int d = 70;
    RandomProjection.Project project = new RandomProjection.Project(d, 9);
    Vector sparse = Vectors.sparse(500_000, new int[] {3, 77, 499_999}, new double[] {0.5, -2, 1.25});
    Vector dense = Vectors.dense(0, 1.5, 0, -0.25);
    for (Vector v : List.of(sparse, dense)) {
      double[] expected = new double[d];
      double scale = 1.0 / Math.sqrt(d);
      org.apache.spark.ml.linalg.SparseVector active = v.toSparse();
      for (int n = 0; n < active.indices().length; n++) {
        double value = active.values()[n] * scale;
        for (int j = 0; j < d; j++) {
          long bits = RandomProjection.signs(9, active.indices()[n], j / 64);
          expected[j] += ((bits >>> (j % 64)) & 1L) == 0 ? value : -value;
        }
      }
      assertEquals(Vectors.dense(expected), project.call(v), "bit for bit the +-1 matrix product of " + v);
    }
  }

  @Test
  void invalidParamsAndColumnsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new RandomProjection().setDimensions(0));
    RandomProjection projection = new RandomProjection().setInputCol("missing");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> projection.transform(sparseRows(2, 10)));
    assertTrue(e.getMessage().contains("features"), e.getMessage());
  }
}
