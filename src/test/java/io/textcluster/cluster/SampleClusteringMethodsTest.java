package io.textcluster.cluster;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.ClusterConfig;
import io.textcluster.evaluate.LabelContingency;
import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample-and-assign methods on synthetic blobs (1,300 documents: 3 Gaussian blobs in 8 dimensions and 100 points
 * scattered uniformly), fitted on a 600-document sample: every document gets a cluster or -1, the blobs are found, the
 * scattered points are mostly noise, and the saved and reloaded model assigns exactly as the fitted one.
 */
@SparkTest
class SampleClusteringMethodsTest {
  private static final int PER_BLOB = 400;
  private static final int SCATTERED = 100;

  private final SparkSession spark;
  @TempDir Path models;

  SampleClusteringMethodsTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> blobs() {
    Random random = new Random(5);
    List<Row> rows = new ArrayList<>();
    double[][] centres = {{8, 0, 0, 0, 0, 0, 0, 0}, {0, 8, 0, 0, 0, 0, 0, 0}, {0, 0, 8, 0, 0, 0, 0, 0}};
    int id = 0;
    for (int b = 0; b < centres.length; b++) {
      for (int i = 0; i < PER_BLOB; i++) {
        double[] p = new double[8];
        for (int f = 0; f < 8; f++) {
          p[f] = centres[b][f] + random.nextGaussian() * 0.7;
        }
        rows.add(RowFactory.create("d" + id++, "blob" + b, Vectors.dense(p)));
      }
    }
    for (int i = 0; i < SCATTERED; i++) {
      double[] p = new double[8];
      for (int f = 0; f < 8; f++) {
        p[f] = -12 + 24 * random.nextDouble();
      }
      rows.add(RowFactory.create("d" + id++, "scattered", Vectors.dense(p)));
    }
    StructType schema =
        new StructType()
            .add("doc_id", DataTypes.StringType)
            .add("label", DataTypes.StringType)
            .add("features", SQLDataTypes.VectorType());
    return spark.createDataFrame(rows, schema).repartition(3).cache();
  }

  private static ClusterConfig config(String algorithm) {
    ClusterConfig base =
        new ClusterConfig(algorithm, 3, 42, 20, 1e-4, ClusterConfig.EUCLIDEAN, "k-means||", 2, 1, 0.01,
            ClusterConfig.GMM_REDUCTION_NONE, 2, false);
    return new ClusterConfig(base.algorithm(), base.k(), base.seed(), base.maxIterations(), base.tolerance(),
        base.distance(), base.init(), base.initSteps(), base.restarts(), base.kmeansSolver(), base.lbgEpsilon(), base.gmmReduction(),
        base.gmmDimensions(), base.gmmProbabilities(), new ClusterConfig.Density(600, 15, 5, 2.0),
        new ClusterConfig.Agglomerative(ClusterConfig.Agglomerative.WARD, 600), ClusterConfig.Sweep.OFF);
  }

  /** Fits, checks coverage and reload agreement, and returns the assignments with the label column. */
  private Dataset<Row> fitAndCheck(String algorithm, FittedClustering[] out) throws Exception {
    Dataset<Row> data = blobs();
    FittedClustering fit = ClusteringMethods.forConfig(config(algorithm)).fit(data, "features");
    out[0] = fit;
    Dataset<Row> assigned = fit.model().transform(data).cache();
    assertEquals(data.count(), assigned.count());
    assertEquals(0, assigned.filter(col("cluster_id").isNull().or(col("cluster_id").lt(-1))
        .or(col("cluster_id").geq(fit.centres().length))).count());
    String path = models.resolve(algorithm).toString();
    new PipelineModel(algorithm, new Transformer[] {fit.model()}).write().overwrite().save(path);
    Dataset<Row> reloaded = PipelineModel.load(path).transform(data).select(col("doc_id"), col("cluster_id").as("r"));
    long same = assigned.join(reloaded, "doc_id").filter(col("cluster_id").equalTo(col("r"))).count();
    System.out.printf("%s: %s; %s; reload agreement %d/%d%n", algorithm, fit.summary(), fit.metrics(), same,
        data.count());
    assertTrue(same >= 0.99 * data.count(), same + " of " + data.count());
    return assigned;
  }

  /** ARI with the blobs over the blob documents the method clustered (noise is counted separately). */
  private static double blobAgreement(Dataset<Row> assigned) {
    Dataset<Row> inBlobs = assigned.filter(col("label").notEqual("scattered").and(col("cluster_id").geq(0)));
    return LabelContingency.compute(inBlobs, "label", "cluster_id").metrics().get("adjusted_rand_index");
  }

  @Test
  void hdbscanFindsTheBlobsAndCallsTheScatteredPointsNoise() throws Exception {
    FittedClustering[] fit = new FittedClustering[1];
    Dataset<Row> assigned = fitAndCheck(ClusterConfig.HDBSCAN, fit);
    assertEquals(3, fit[0].centres().length);
    assertTrue(blobAgreement(assigned) > 0.95, "ARI " + blobAgreement(assigned));
    long blobNoise = assigned.filter(col("label").notEqual("scattered").and(col("cluster_id").equalTo(-1))).count();
    System.out.printf("blob documents assigned to noise: %d of %d%n", blobNoise, 3 * PER_BLOB);
    assertTrue(blobNoise <= 0.1 * 3 * PER_BLOB, blobNoise + " blob documents are noise");
    long scatteredNoise = assigned.filter(col("label").equalTo("scattered").and(col("cluster_id").equalTo(-1))).count();
    assertTrue(scatteredNoise >= 0.8 * SCATTERED, scatteredNoise + " scattered points are noise");
    assertTrue(fit[0].metrics().get("density_sample_agreement") >= 0.9, fit[0].metrics().toString());
  }

  @Test
  void dbscanFindsTheBlobsAndCallsTheScatteredPointsNoise() throws Exception {
    FittedClustering[] fit = new FittedClustering[1];
    Dataset<Row> assigned = fitAndCheck(ClusterConfig.DBSCAN, fit);
    assertEquals(3, fit[0].centres().length);
    assertTrue(blobAgreement(assigned) > 0.95, "ARI " + blobAgreement(assigned));
    long blobNoise = assigned.filter(col("label").notEqual("scattered").and(col("cluster_id").equalTo(-1))).count();
    System.out.printf("blob documents assigned to noise: %d of %d%n", blobNoise, 3 * PER_BLOB);
    assertTrue(blobNoise <= 0.1 * 3 * PER_BLOB, blobNoise + " blob documents are noise");
    long scatteredNoise = assigned.filter(col("label").equalTo("scattered").and(col("cluster_id").equalTo(-1))).count();
    assertTrue(scatteredNoise >= 0.8 * SCATTERED, scatteredNoise + " scattered points are noise");
    assertTrue(fit[0].metrics().get("density_sample_agreement") >= 0.99, fit[0].metrics().toString());
  }

  @Test
  void agglomerativeAssignsEveryDocumentToANearestCentroid() throws Exception {
    FittedClustering[] fit = new FittedClustering[1];
    Dataset<Row> assigned = fitAndCheck(ClusterConfig.AGGLOMERATIVE, fit);
    assertEquals(0, assigned.filter(col("cluster_id").equalTo(-1)).count());
    assertTrue(blobAgreement(assigned) > 0.95, "ARI " + blobAgreement(assigned));
  }
}
