package io.textcluster.cluster;

import io.textcluster.cluster.lloyd.DenseKMeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.ClusterConfig;

import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class DenseKMeansTest {
  private final SparkSession spark;
  @TempDir Path dir;

  DenseKMeansTest(SparkSession spark) {
    this.spark = spark;
  }

  /** Unit vectors around 8 centres in 32 dimensions, like make_dense.py's set. */
  private Dataset<Row> embeddings(int n) {
    Random random = new Random(11);
    double[][] centres = new double[8][32];
    for (double[] c : centres) {
      for (int j = 0; j < c.length; j++) {
        c[j] = random.nextGaussian();
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = new double[32];
      double norm = 0;
      for (int j = 0; j < 32; j++) {
        x[j] = centres[i % 8][j] + 1.5 * random.nextGaussian();
        norm += x[j] * x[j];
      }
      for (int j = 0; j < 32; j++) {
        x[j] /= Math.sqrt(norm);
      }
      rows.add(RowFactory.create(Vectors.dense(x)));
    }
    return spark.createDataFrame(rows, new StructType().add("features", SQLDataTypes.VectorType()))
        .repartition(3).persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** Sum of squared euclidean distances to the nearest centre, the same evaluation for both models. */
  private static double inertia(Dataset<Row> data, Vector[] centres) {
    double total = 0;
    for (Row row : data.collectAsList()) {
      Vector x = (Vector) row.get(0);
      double best = Double.POSITIVE_INFINITY;
      for (Vector c : centres) {
        best = Math.min(best, Vectors.sqdist(x, c));
      }
      total += best;
    }
    return total;
  }

  @Test
  void reachesMllibsInertiaFromTheSameStart() {
    Dataset<Row> data = embeddings(3000);
    for (String init : List.of("random", "k-means||")) {
      KMeansModel mllib =
          new KMeans().setK(8).setSeed(5).setMaxIter(30).setTol(0).setInitMode(init).setSolver("row").fit(data);
      KMeansModel dense =
          new DenseKMeans().setK(8).setSeed(5).setMaxIter(30).setTol(0).setInitMode(init).setBlockRows(500).fit(data);
      double ours = inertia(data, dense.clusterCenters());
      double theirs = inertia(data, mllib.clusterCenters());
      assertEquals(theirs, ours, theirs * 1e-3, init + ": inertia " + ours + " vs MLlib " + theirs);
    }
    data.unpersist();
  }

  @Test
  void cosineIsSphericalAndTheModelPredictsLikeMllib() throws Exception {
    Dataset<Row> data = embeddings(1200);
    KMeansModel dense =
        new DenseKMeans().setK(8).setSeed(3).setDistanceMeasure("cosine").setPredictionCol("cluster_id").fit(data);
    for (Vector c : dense.clusterCenters()) {
      assertEquals(1.0, Vectors.norm(c, 2), 1e-6);
    }
    Dataset<Row> assigned = dense.transform(data);
    assertEquals(8, assigned.select("cluster_id").distinct().count());
    String path = dir.resolve("model").toString();
    dense.write().overwrite().save(path);
    KMeansModel loaded = KMeansModel.load(path);
    assertEquals(
        assigned.select("cluster_id").collectAsList(), loaded.transform(data).select("cluster_id").collectAsList());
    data.unpersist();
  }

  @Test
  void restartsKeepTheLowestCostAndReportItLikeMllib() {
    Dataset<Row> data = embeddings(2000);
    DenseKMeans estimator = new DenseKMeans().setK(8).setSeed(9).setInitMode("random").setMaxIter(15);
    double best = Double.POSITIVE_INFINITY;
    for (int restart = 0; restart < 3; restart++) {
      KMeansModel single = estimator.copy(new org.apache.spark.ml.param.ParamMap()).setSeed(9 + 7919L * restart)
          .setRestarts(1).fit(data);
      best = Math.min(best, single.summary().trainingCost());
    }
    KMeansModel model = estimator.setRestarts(3).fit(data);
    assertEquals(best, model.summary().trainingCost(), 1e-9);
    assertTrue(model.summary().numIter() > 0);
    assertEquals(data.count(), model.summary().predictions().count());
    data.unpersist();
  }

  @Test
  void theDenseSolverGetsEverySettingOfTheMllibOne() {
    ClusterConfig config = BbcFeatures.config(ClusterConfig.KMEANS, 7, 1234, "random");
    KMeans mllib = KMeansClustering.estimator(config, "lsa");
    DenseKMeans dense = KMeansClustering.dense(config, "lsa");
    for (String name :
        List.of("featuresCol", "predictionCol", "k", "seed", "maxIter", "tol", "distanceMeasure", "initMode",
            "initSteps")) {
      assertTrue(dense.isSet(dense.getParam(name)), name);
      assertEquals(mllib.getOrDefault(mllib.getParam(name)), dense.getOrDefault(dense.getParam(name)), name);
    }
    assertEquals(7, (Integer) dense.getOrDefault(dense.getParam("k")));
    assertEquals(1234L, (Long) dense.getOrDefault(dense.getParam("seed")));
    assertEquals("lsa", dense.getOrDefault(dense.getParam("featuresCol")));
    assertEquals("random", dense.getOrDefault(dense.getParam("initMode")));
  }

  @Test
  void theJobUsesDenseKMeansForDenseFeaturesUnlessTold() {
    Dataset<Row> dense = embeddings(300);
    Dataset<Row> sparse =
        spark.createDataFrame(
            List.of(RowFactory.create(Vectors.sparse(32, new int[] {1}, new double[] {1.0}))),
            new StructType().add("features", SQLDataTypes.VectorType()));
    ClusterConfig auto = BbcFeatures.config(ClusterConfig.KMEANS, 8, 42, "random");
    assertTrue(KMeansClustering.denseSolver(auto, "features", dense));
    assertTrue(KMeansClustering.denseSolver(auto, "features", sparse), "sparse rows get sparse blocks");
    ClusterConfig mllib =
        new ClusterConfig(auto.algorithm(), auto.k(), auto.seed(), auto.maxIterations(), auto.tolerance(),
            auto.distance(), auto.init(), auto.initSteps(), auto.restarts(), ClusterConfig.SOLVER_MLLIB,
            auto.lbgEpsilon(), auto.gmmReduction(), auto.gmmDimensions(), auto.gmmProbabilities());
    assertFalse(KMeansClustering.denseSolver(mllib, "features", dense));
    // Both solvers from the same seeds land on the same clusters; LBG's refinements too.
    for (String algorithm : List.of(ClusterConfig.KMEANS, ClusterConfig.LBG)) {
      ClusterConfig ours = BbcFeatures.config(algorithm, 8, 42, "random");
      ClusterConfig theirs =
          new ClusterConfig(algorithm, 8, 42, ours.maxIterations(), ours.tolerance(), ours.distance(), ours.init(),
              ours.initSteps(), ours.restarts(), ClusterConfig.SOLVER_MLLIB, ours.lbgEpsilon(), ours.gmmReduction(),
              ours.gmmDimensions(), false);
      FittedClustering a = ClusteringMethods.forConfig(ours).fit(dense, "features");
      FittedClustering b = ClusteringMethods.forConfig(theirs).fit(dense, "features");
      assertEquals(inertia(dense, b.centres()), inertia(dense, a.centres()), inertia(dense, b.centres()) * 1e-3,
          algorithm);
    }
    dense.unpersist();
  }

  @Test
  void oneBarrierJobAndAJobPerIterationReachTheSameCentres() {
    // A union of 3 and 2 partitions: more partitions than local[2]'s task slots, and a lineage Spark refuses in a
    // barrier stage unless the blocks are repacked first.
    Dataset<Row> data = embeddings(2400);
    Dataset<Row> unioned = data.limit(1000).repartition(3).union(data.repartition(2));
    DenseKMeans estimator = new DenseKMeans().setK(8).setSeed(4).setInitMode("random").setMaxIter(25).setTol(0);
    Vector[] start = estimator.initialCentres(unioned).clusterCenters();
    KMeansModel oneJob = estimator.copy(new ParamMap()).setExecution("barrier").fitFrom(unioned, start);
    KMeansModel perIteration = estimator.copy(new ParamMap()).setExecution("job-per-iteration").fitFrom(unioned, start);
    assertEquals(perIteration.summary().numIter(), oneJob.summary().numIter());
    // The barrier job's bounded iterations keep running sums and take the cost from them (float rounding apart, the
    // plain iterations' assignment): equal to float precision, not to the last bit.
    assertEquals(perIteration.summary().trainingCost(), oneJob.summary().trainingCost(),
        1e-6 * perIteration.summary().trainingCost());
    for (int c = 0; c < 8; c++) {
      assertArrayEquals(perIteration.clusterCenters()[c].toArray(), oneJob.clusterCenters()[c].toArray(), 1e-6);
    }
    assertEquals(3400, oneJob.summary().predictions().count());
    data.unpersist();
  }

  @Test
  void invalidParamsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new DenseKMeans().setExecution("mpi"));
    assertThrows(IllegalArgumentException.class, () -> new DenseKMeans().setK(1));
    assertThrows(IllegalArgumentException.class, () -> new DenseKMeans().setDistanceMeasure("manhattan"));
  }
}
