package io.textcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.cluster.lloyd.DenseKMeans;
import io.textcluster.schema.Columns;
import io.textcluster.support.SparkTest;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Our Lloyd solver on sparse TF-IDF (BBC News, tens of thousands of terms) packs sparse blocks and reaches MLlib's
 * cost from the same start, for both distances the job offers.
 */
@SparkTest
class SparseKMeansTest {
  private final SparkSession spark;

  SparseKMeansTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void reachesMllibsCostOnTfidfFromTheSameStart() {
    Dataset<Row> data = BbcFeatures.get(spark);
    Vector first = data.select(Columns.FEATURES).first().getAs(0);
    assertTrue(first instanceof SparseVector && first.size() > 1000, "sparse TF-IDF: " + first.size());
    for (String distance : new String[] {"cosine", "euclidean"}) {
      KMeansModel mllib = new KMeans().setFeaturesCol(Columns.FEATURES).setK(5).setSeed(42).setInitMode("random")
          .setMaxIter(20).setTol(0).setDistanceMeasure(distance).fit(data);
      KMeansModel ours = new DenseKMeans().setFeaturesCol(Columns.FEATURES).setK(5).setSeed(42)
          .setInitMode("random").setMaxIter(20).setTol(0).setDistanceMeasure(distance).setBlockRows(300).fit(data);
      double theirs = mllib.summary().trainingCost();
      double cost = ours.summary().trainingCost();
      // float32 blocks against MLlib's doubles: the same fit to a small relative tolerance.
      assertEquals(theirs, cost, theirs * 2e-3, distance + ": cost " + cost + " vs MLlib " + theirs);
      if (distance.equals("cosine")) {
        for (Vector c : ours.clusterCenters()) {
          assertEquals(1.0, Vectors.norm(c, 2), 1e-6);
        }
      }
      long agreeing = ours.transform(data).select(Columns.DOC_ID, "prediction").withColumnRenamed("prediction", "a")
          .join(mllib.transform(data).select(Columns.DOC_ID, "prediction"), Columns.DOC_ID)
          .where("a = prediction").count();
      assertTrue(agreeing > 0.95 * data.count(), distance + ": " + agreeing + " of " + data.count() + " agree");
    }
  }
}
