package io.textcluster.cluster;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.ClusterConfig;
import io.textcluster.config.ClusterControl;
import io.textcluster.evaluate.LabelContingency;
import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
 * Issue 22, parts 2 and 3 on synthetic blobs (3 Gaussian blobs of 300 in 8 dimensions plus 150 points scattered
 * uniformly far around them): cluster.density.noise = nearest leaves no noise, within only reassigns noise near a
 * centre, both record the method's own noise share; cluster.reduce-to merges k-means' 6 clusters into the 3 blobs,
 * records the merge tree as parents, and the saved model assigns merged ids.
 */
@SparkTest
class NoiseAndReduceToTest {
  private static final int PER_BLOB = 300;
  private static final int SCATTERED = 150;

  private final SparkSession spark;
  @TempDir Path models;

  NoiseAndReduceToTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> blobs() {
    Random random = new Random(11);
    List<Row> rows = new ArrayList<>();
    int id = 0;
    for (int b = 0; b < 3; b++) {
      for (int i = 0; i < PER_BLOB; i++) {
        double[] p = new double[8];
        for (int f = 0; f < 8; f++) {
          p[f] = (f == b ? 10 : 0) + random.nextGaussian() * 0.7;
        }
        rows.add(RowFactory.create("d" + id++, "blob" + b, Vectors.dense(p)));
      }
    }
    for (int i = 0; i < SCATTERED; i++) {
      double[] p = new double[8];
      for (int f = 0; f < 8; f++) {
        p[f] = -15 + 30 * random.nextDouble();
      }
      rows.add(RowFactory.create("d" + id++, "scattered", Vectors.dense(p)));
    }
    StructType schema = new StructType().add("doc_id", DataTypes.StringType).add("label", DataTypes.StringType)
        .add("features", SQLDataTypes.VectorType());
    return spark.createDataFrame(rows, schema).repartition(2).cache();
  }

  private static ClusterConfig hdbscan() {
    return new ClusterConfig(ClusterConfig.HDBSCAN, 2, 42, 20, 1e-4, ClusterConfig.EUCLIDEAN, "k-means||", 2, 1,
        ClusterConfig.SOLVER_AUTO, 0.01, ClusterConfig.GMM_REDUCTION_NONE, 2, false,
        new ClusterConfig.Density(2000, 20, 5, 1.0), ClusterConfig.Agglomerative.DEFAULTS, ClusterConfig.Sweep.OFF);
  }

  private static double noiseShare(ClusteringModel model, Dataset<Row> data) {
    return (double) model.transform(data).filter(col("cluster_id").lt(0)).count() / data.count();
  }

  @Test
  void noiseIsKeptReassignedOrReassignedWithinALimit() {
    Dataset<Row> data = blobs();
    ClusteringModel kept = ClusteringMethods.estimator(hdbscan()).fit(data);
    double before = noiseShare(kept, data);
    assertTrue(before > 0.05, "the scattered points should start as noise: " + before);
    ClusteringModel nearest = ClusteringMethods.estimator(hdbscan(), control("nearest")).fit(data);
    assertEquals(0.0, noiseShare(nearest, data), 0.0);
    assertEquals(before, nearest.summary().metrics().get("noise_share_before"), 1e-12);
    // within, its limit from the members' distances: blob documents all end in a cluster, far noise stays.
    ClusteringModel within = ClusteringMethods.estimator(hdbscan(), control("within", 0)).fit(data);
    assertTrue(noiseShare(within, data) <= before, within.summary().toString());
    assertTrue(within.summary().metrics().get("noise_reassign_distance") > 0, within.summary().toString());
    assertEquals(0, within.transform(data).filter(col("cluster_id").lt(0).and(col("label").notEqual("scattered")))
        .count());
    // within an explicit distance that reaches some of the scattered points but not all.
    ClusteringModel reach = ClusteringMethods.estimator(hdbscan(), control("within", 18)).fit(data);
    double after = noiseShare(reach, data);
    assertTrue(after < before && after > 0, "within 18 keeps far noise, reassigns near noise: " + after + " of "
        + before);
    assertEquals(18.0, reach.summary().metrics().get("noise_reassign_distance"), 0.0);
  }

  private static ClusterControl control(String noise) {
    return control(noise, 0);
  }

  private static ClusterControl control(String noise, double distance) {
    return new ClusterControl(ClusterControl.AUTO, 50, noise, distance, 0.9, 0);
  }

  @Test
  void reduceToMergesKMeansClustersIntoTheBlobsAndKeepsTheTree() throws Exception {
    Dataset<Row> data = blobs().filter(col("label").notEqual("scattered")).cache();
    ClusterConfig kmeans = new ClusterConfig(ClusterConfig.KMEANS, 6, 42, 30, 1e-4, ClusterConfig.EUCLIDEAN,
        "k-means||", 2, 1, 0.01, ClusterConfig.GMM_REDUCTION_LSA, 20, false);
    FittedClustering fit = ClusteringMethods.forConfig(kmeans, new ClusterControl("auto", 50, "keep", 0, 0.9, 3))
        .fit(data, "features");
    assertEquals(3, fit.centres().length);
    Dataset<Row> assigned = fit.model().transform(data).cache();
    double ari = LabelContingency.compute(assigned, "label", "cluster_id").metrics().get("adjusted_rand_index");
    assertTrue(ari > 0.95, "reduced clusters should be the blobs: ARI " + ari);
    // Merge tree above the 3 clusters: two parents, all pointing to lower ids, one root (0).
    Map<Integer, Integer> parents = fit.parents();
    assertEquals(Set.of(1, 2), parents.keySet(), parents.toString());
    parents.forEach((child, parent) -> assertTrue(parent < child, parents.toString()));
    assertEquals(6.0, fit.metrics().get("reduce_to_fitted_clusters"), 0.0);
    String path = models.resolve("reduced").toString();
    new PipelineModel("reduced", new Transformer[] {fit.model()}).write().overwrite().save(path);
    Dataset<Row> loaded = PipelineModel.load(path).transform(data).select(col("doc_id"), col("cluster_id").as("l"));
    assertEquals(0, assigned.join(loaded, "doc_id").filter(col("cluster_id").notEqual(col("l"))).count());
    assertEquals(new HashSet<>(List.of(0, 1, 2)), new HashSet<>(assigned.select("cluster_id").distinct()
        .as(org.apache.spark.sql.Encoders.INT()).collectAsList()));
  }

  @Test
  void thePlanMergesTheCheapestPairsFirst() {
    // Two tight pairs far apart: reducing 4 to 2 merges within the pairs, then the tree joins the two.
    double[][] centres = {{0, 0}, {10, 0}, {0.5, 0}, {10.5, 0}};
    ReduceTo.Plan plan = ReduceTo.plan(centres, new long[] {10, 10, 10, 10}, 2, false);
    assertEquals(plan.into()[0], plan.into()[2]);
    assertEquals(plan.into()[1], plan.into()[3]);
    assertTrue(plan.into()[0] != plan.into()[1]);
    assertEquals(Map.of(1, 0), plan.parents());
  }
}
