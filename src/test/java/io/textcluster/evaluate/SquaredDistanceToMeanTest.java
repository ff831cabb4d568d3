package io.textcluster.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.textcluster.support.SparkTest;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The sparse shortcut gives Spark's own squared distance, for sparse and dense documents alike. */
@SparkTest
class SquaredDistanceToMeanTest {
  private final SparkSession spark;

  SquaredDistanceToMeanTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void matchesSparksSquaredDistance() {
    Random random = new Random(3);
    int d = 500;
    Vector[] means = new Vector[4];
    for (int c = 0; c < 3; c++) {
      double[] m = new double[d];
      for (int j = 0; j < d; j++) {
        m[j] = random.nextDouble() * 0.1;
      }
      means[c] = Vectors.dense(m);
    }
    Broadcast<Vector[]> broadcast = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(means);
    SquaredDistanceToMean distance = new SquaredDistanceToMean(broadcast);
    for (int round = 0; round < 200; round++) {
      int nnz = random.nextInt(30);
      int[] indices = random.ints(0, d).distinct().limit(nnz).sorted().toArray();
      double[] values = random.doubles(indices.length).toArray();
      Vector sparse = Vectors.sparse(d, indices, values);
      int cluster = random.nextInt(3);
      double expected = Vectors.sqdist(sparse, means[cluster]);
      assertEquals(expected, distance.call(sparse, cluster), 1e-9 * Math.max(1, expected));
      assertEquals(expected, distance.call(sparse.toDense(), cluster), 1e-9 * Math.max(1, expected));
    }
    assertNull(distance.call(Vectors.sparse(d, new int[0], new double[0]), 3), "a cluster without a mean");
    assertNull(distance.call(Vectors.sparse(d, new int[0], new double[0]), -1), "noise");
  }
}
