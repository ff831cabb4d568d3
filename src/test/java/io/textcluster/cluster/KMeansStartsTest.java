package io.textcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.textcluster.cluster.lloyd.DenseKMeans;
import io.textcluster.schema.Columns;
import io.textcluster.support.SparkTest;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Our solver's initial centres are MLlib's for the same seed: on BBC News TF-IDF, for both distances and both
 * initialisations, they equal the centres of an MLlib fit with zero iterations (unit length for cosine, where only the
 * direction counts).
 */
@SparkTest
class KMeansStartsTest {
  private final SparkSession spark;

  KMeansStartsTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void initialCentresAreMllibsForTheSameSeed() {
    Dataset<Row> data = BbcFeatures.get(spark);
    String[][] cases = {{"cosine", "k-means||", "42"}, {"euclidean", "k-means||", "7961"}, {"cosine", "random", "3"}};
    for (String[] c : cases) {
      String distance = c[0];
      String init = c[1];
      long seed = Long.parseLong(c[2]);
      Vector[] mllib = new KMeans().setFeaturesCol(Columns.FEATURES).setK(5).setSeed(seed).setInitMode(init)
          .setInitSteps(2).setDistanceMeasure(distance).setMaxIter(0).fit(data).clusterCenters();
      Vector[] ours = new DenseKMeans().setFeaturesCol(Columns.FEATURES).setK(5).setSeed(seed).setInitMode(init)
          .setInitSteps(2).setDistanceMeasure(distance).initialCentres(data).clusterCenters();
      String name = distance + " " + init + " seed " + seed;
      assertEquals(mllib.length, ours.length, name);
      for (int i = 0; i < mllib.length; i++) {
        double[] theirs = mllib[i].toArray();
        double[] mine = ours[i].toArray();
        if (distance.equals("cosine")) {
          double norm = Vectors.norm(mllib[i], 2);
          for (int j = 0; j < theirs.length; j++) {
            theirs[j] /= norm;
          }
        }
        double difference = 0;
        for (int j = 0; j < theirs.length; j++) {
          difference = Math.max(difference, Math.abs(theirs[j] - mine[j]));
        }
        assertEquals(0.0, difference, 1e-12, name + ": centre " + i);
      }
    }
  }
}
