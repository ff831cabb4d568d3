package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, part 1: hdbscan, dbscan and agglomerative on BBC News' raw TF-IDF (a third of the articles) (sparse, a whole vocabulary wide)
 * reduce it themselves (cluster.reduction = auto: LSA to 50 dimensions), say so, and the reduction is part of the
 * fitted model: saved in a PipelineModel and loaded back, it assigns every document as the fit did, with no working
 * column left behind.
 */
@SparkTest
@Tag("heavy")
class DensityOnAnyFeaturesTest {
  private final SparkSession spark;
  @TempDir Path models;

  DensityOnAnyFeaturesTest(SparkSession spark) {
    this.spark = spark;
  }

  private static Dataset<Row> third;

  /** A third of BBC News (about 740 articles, chosen by a hash of their id): the same sparse TF-IDF, a faster SVD. */
  private static synchronized Dataset<Row> tfidf(SparkSession spark) {
    if (third == null) {
      third = BbcFeatures.get(spark)
          .where(org.apache.spark.sql.functions.pmod(org.apache.spark.sql.functions.xxhash64(col(Columns.DOC_ID)),
              org.apache.spark.sql.functions.lit(3)).equalTo(0))
          .cache();
      third.count();
    }
    return third;
  }

  private void fitsOnTfidfAndReloads(String name, ClusteringEstimator<?> estimator, int expectedClusters)
      throws Exception {
    Dataset<Row> tfidf = tfidf(spark);
    ClusteringModel model = estimator.fit(tfidf);
    assertEquals(50.0, model.summary().metrics().get("reduced_dimensions"), 0.0, name);
    assertTrue(model.summary().description().startsWith("LSA to 50 of "), model.summary().description());
    if (expectedClusters > 0) {
      assertEquals(expectedClusters, model.numClusters(), name);
    } else {
      assertTrue(model.numClusters() >= 1, name + ": " + model.summary());
    }
    // Centres are measured in the features' own space, where the job computes distances.
    int width = tfidf.first().<org.apache.spark.ml.linalg.Vector>getAs("features").size();
    assertEquals(width, model.clusterCentres()[0].size(), name);
    Dataset<Row> fitted = model.transform(tfidf);
    assertFalse(Arrays.asList(fitted.columns()).contains(InputReduction.REDUCED), name + ": working column kept");
    String path = models.resolve(name).toString();
    new PipelineModel("saved-" + name, new Transformer[] {model}).write().overwrite().save(path);
    Dataset<Row> loaded = PipelineModel.load(path).transform(tfidf)
        .select(col(Columns.DOC_ID), col("cluster_id").as("loaded"));
    Dataset<Row> joined = fitted.select(Columns.DOC_ID, "cluster_id").join(loaded, Columns.DOC_ID);
    assertEquals(tfidf.count(), joined.count(), name);
    assertEquals(0, joined.filter(col("cluster_id").notEqual(col("loaded"))).count(),
        name + ": the reloaded model assigns differently from the fit");
  }

  @Test
  void hdbscanReducesTfidfItself() throws Exception {
    fitsOnTfidfAndReloads("hdbscan", new HdbscanEstimator().setSampleSize(800).setMinClusterSize(15), 0);
  }

  @Test
  void agglomerativeReducesTfidfItself() throws Exception {
    fitsOnTfidfAndReloads("agglomerative", new AgglomerativeEstimator().setK(5).setSampleSize(600), 5);
  }

  @Test
  void dbscanWithARandomProjectionInstead() {
    // The other reduction, on the other density method: no SVD, a seeded projection that is part of the model.
    DbscanEstimator estimator = new DbscanEstimator().setSampleSize(400).setEps(0.8);
    estimator.set(estimator.reduction(), "random-projection");
    estimator.set(estimator.reductionDimensions(), 64);
    ClusteringModel model = estimator.fit(tfidf(spark));
    assertTrue(model.summary().description().startsWith("random projection to 64 of "),
        model.summary().description());
    assertEquals(64.0, model.summary().metrics().get("reduced_dimensions"), 0.0);
    assertFalse(Arrays.asList(model.transform(tfidf(spark)).columns()).contains(InputReduction.REDUCED));
  }
}
