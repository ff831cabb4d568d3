package io.textcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.ClusterConfig;
import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What MLlib's KMeansSuite and DefaultReadWriteTest check for its own estimators, for each of ours: shared defaults,
 * invalid params rejected when set, fit and transform (cluster id, distance to the model's own centre, custom output
 * columns), and save/load round trips of the Estimator and the Model with their params. The data are three
 * well-separated Gaussian blobs, small enough that every method fits in a second.
 */
@SparkTest
class ClusteringEstimatorSuiteTest {
  private final SparkSession spark;
  @TempDir Path dir;

  ClusteringEstimatorSuiteTest(SparkSession spark) {
    this.spark = spark;
  }

  /** Each method configured for the blobs (euclidean; samples hold every point). */
  static Stream<Arguments> estimators() {
    return Stream.of(
        Arguments.of("kmeans", (Supplier<ClusteringEstimator<?>>)
            () -> new KMeansEstimator().setK(3).setRestarts(2).setSolver(ClusterConfig.SOLVER_MLLIB)),
        Arguments.of("kmeans-dense", (Supplier<ClusteringEstimator<?>>)
            () -> new KMeansEstimator().setK(3).setSolver(ClusterConfig.SOLVER_DENSE)),
        Arguments.of("bisecting-kmeans", (Supplier<ClusteringEstimator<?>>)
            () -> new BisectingKMeansEstimator().setK(3)),
        Arguments.of("lbg", (Supplier<ClusteringEstimator<?>>) () -> new LbgEstimator().setK(3).setEpsilon(0.05)),
        Arguments.of("gmm", (Supplier<ClusteringEstimator<?>>)
            () -> new GaussianMixtureEstimator().setK(3).setReduction(ClusterConfig.GMM_REDUCTION_NONE)),
        Arguments.of("hdbscan", (Supplier<ClusteringEstimator<?>>)
            () -> new HdbscanEstimator().setSampleSize(1000).setMinClusterSize(10).setMinSamples(5)),
        Arguments.of("dbscan", (Supplier<ClusteringEstimator<?>>)
            () -> new DbscanEstimator().setSampleSize(1000).setMinSamples(5).setEps(1.5)),
        Arguments.of("agglomerative", (Supplier<ClusteringEstimator<?>>)
            () -> new AgglomerativeEstimator().setK(3).setSampleSize(1000)));
  }

  private static final double[][] BLOB_CENTRES = {{0, 0, 0, 0}, {10, 0, 0, 0}, {0, 10, 0, 0}};

  private Dataset<Row> blobs() {
    Random random = new Random(3);
    List<Row> rows = new ArrayList<>();
    for (int b = 0; b < BLOB_CENTRES.length; b++) {
      for (int i = 0; i < 60; i++) {
        double[] point = BLOB_CENTRES[b].clone();
        for (int d = 0; d < point.length; d++) {
          point[d] += 0.5 * random.nextGaussian();
        }
        rows.add(RowFactory.create("d" + b + "-" + i, b, Vectors.dense(point)));
      }
    }
    StructType schema = new StructType()
        .add("doc_id", DataTypes.StringType).add("blob", DataTypes.IntegerType)
        .add("features", SQLDataTypes.VectorType());
    return spark.createDataFrame(rows, schema);
  }

  @Test
  void everyEstimatorAndModelSharesTheDefaultsOfConfDefaults() {
    for (Arguments arguments : estimators().toList()) {
      ClusteringParams fresh = freshOfSameClass(((Supplier<ClusteringEstimator<?>>) arguments.get()[1]).get());
      assertEquals("features", fresh.getFeaturesCol());
      assertEquals("cluster_id", fresh.getPredictionCol());
      assertEquals("distance", fresh.getDistanceCol());
      assertEquals("probability", fresh.getProbabilityCol());
      assertEquals(8, fresh.getK());
      assertEquals(42L, fresh.getSeed());
      assertEquals(ClusterConfig.COSINE, fresh.getDistanceMeasure());
    }
    KMeansEstimator kmeans = new KMeansEstimator();
    assertEquals(100, kmeans.getMaxIter());
    assertEquals(1.0e-4, kmeans.getTol());
    assertEquals(5, kmeans.getRestarts());
    assertEquals("k-means||", kmeans.getInitMode());
    assertEquals(ClusterConfig.SOLVER_AUTO, kmeans.getSolver());
    assertEquals(0.01, new LbgEstimator().getEpsilon());
    assertEquals(ClusterConfig.GMM_REDUCTION_LSA, new GaussianMixtureEstimator().getReduction());
    assertEquals(20, new GaussianMixtureEstimator().getDimensions());
    assertEquals(15, new HdbscanEstimator().getMinClusterSize());
    assertEquals(5000, new DbscanEstimator().getSampleSize());
    assertEquals(0.3, new DbscanEstimator().getEps());
    assertEquals(ClusterConfig.Agglomerative.WARD, new AgglomerativeEstimator().getLinkage());
    // The defaults are those of a run with an empty config.
    ClusterConfig settings = new KMeansEstimator().settings();
    assertEquals(ClusteringEstimator.DEFAULTS.restarts(), settings.restarts());
    assertEquals(ClusteringEstimator.DEFAULTS.k(), settings.k());
  }

  private static ClusteringParams freshOfSameClass(ClusteringEstimator<?> configured) {
    try {
      return configured.getClass().getConstructor(String.class).newInstance("fresh");
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(configured.getClass() + " lacks a public (String uid) constructor", e);
    }
  }

  @Test
  void invalidParamsAreRejectedWhenSet() {
    List<Runnable> invalid = List.of(
        () -> new KMeansEstimator().setK(1),
        () -> new KMeansEstimator().setDistanceMeasure("manhattan"),
        () -> new KMeansEstimator().setMaxIter(0),
        () -> new KMeansEstimator().setTol(0),
        () -> new KMeansEstimator().setRestarts(0),
        () -> new KMeansEstimator().setInitMode("kmeans++"),
        () -> new KMeansEstimator().setInitSteps(0),
        () -> new KMeansEstimator().setSolver("gpu"),
        () -> new BisectingKMeansEstimator().setK(0),
        () -> new LbgEstimator().setEpsilon(0),
        () -> new LbgEstimator().setSolver("blas"),
        () -> new GaussianMixtureEstimator().setDimensions(GaussianMixtureClustering.SAFE_DIMENSIONS + 1),
        () -> new GaussianMixtureEstimator().setReduction("svd"),
        () -> new HdbscanEstimator().setMinClusterSize(1),
        () -> new HdbscanEstimator().setSampleSize(5),
        () -> new DbscanEstimator().setEps(0),
        () -> new DbscanEstimator().setMinSamples(0),
        () -> new AgglomerativeEstimator().setLinkage("median"),
        () -> new AgglomerativeEstimator().setSampleSize(AgglomerativeEstimator.MAX_SAMPLE_SIZE + 1));
    for (int i = 0; i < invalid.size(); i++) {
      int index = i;
      assertThrows(IllegalArgumentException.class, () -> invalid.get(index).run(), "invalid param #" + i);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("estimators")
  void fitsAndTransformsWithTheDistanceToTheModelsOwnCentre(String name, Supplier<ClusteringEstimator<?>> make) {
    Dataset<Row> data = blobs();
    ClusteringEstimator<?> estimator = make.get().setDistanceMeasure(ClusterConfig.EUCLIDEAN);
    ClusteringModel model = estimator.fit(data);
    assertEquals(estimator.uid(), model.parent().uid());
    assertEquals(3, model.numClusters(), name + " should find the three blobs");
    List<Row> rows = model.transform(data).select("blob", "features", "cluster_id", "distance").collectAsList();
    assertEquals(180, rows.size());
    Vector[] centres = model.clusterCentres();
    int[][] blobByCluster = new int[3][3];
    for (Row row : rows) {
      int cluster = row.getInt(2);
      assertTrue(cluster >= 0 && cluster < 3, name + ": cluster " + cluster + " on well-separated blobs");
      double expected = Math.sqrt(Vectors.sqdist(row.getAs(1), centres[cluster]));
      assertEquals(expected, row.getDouble(3), 1e-9, name + ": distance is not the one to the model's centre");
      blobByCluster[cluster][row.getInt(0)]++;
    }
    for (int[] blobsOfCluster : blobByCluster) {
      assertEquals(1, Arrays.stream(blobsOfCluster).filter(n -> n > 0).count(), name + " mixed blobs in a cluster");
    }
    Dataset<Row> renamed =
        ((ClusteringModel) model.copy(new org.apache.spark.ml.param.ParamMap()))
            .setPredictionCol("topic").setDistanceCol("how_far").transform(data);
    assertTrue(Arrays.asList(renamed.columns()).containsAll(List.of("topic", "how_far")), name);
    assertEquals(model.transformSchema(data.schema()).fieldNames().length, data.columns().length + 2);
    if (name.equals("gmm")) {
      Row range = model.transform(data).agg(
          org.apache.spark.sql.functions.min("probability"), org.apache.spark.sql.functions.max("probability")).first();
      assertTrue(range.getDouble(0) >= 1.0 / 3 - 1e-9 && range.getDouble(1) <= 1 + 1e-9, range.toString());
    }
    assertTrue(model.summary().method().length() > 0 && model.summary().iterations() >= 0);
    assertThrows(IllegalArgumentException.class, () -> estimator.fit(data.drop("features")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("estimators")
  void estimatorAndModelSurviveASaveAndLoadWithTheirParams(String name, Supplier<ClusteringEstimator<?>> make)
      throws Exception {
    Dataset<Row> data = blobs();
    ClusteringEstimator<?> estimator = make.get().setDistanceMeasure(ClusterConfig.EUCLIDEAN).setSeed(7);
    String estimatorPath = dir.resolve(name + "-estimator").toString();
    estimator.write().overwrite().save(estimatorPath);
    ClusteringEstimator<?> reloaded =
        (ClusteringEstimator<?>) estimator.getClass().getMethod("load", String.class).invoke(null, estimatorPath);
    assertSameParams(estimator, reloaded);

    ClusteringModel model = reloaded.fit(data);
    String modelPath = dir.resolve(name + "-model").toString();
    model.write().overwrite().save(modelPath);
    ClusteringModel loaded = ClusteringModel.load(modelPath);
    assertSameParams(model, loaded);
    assertEquals(model.summary(), loaded.summary());
    assertEquals(model.numClusters(), loaded.numClusters());
    for (int c = 0; c < model.numClusters(); c++) {
      assertArrayEquals(model.clusterCentres()[c].toArray(), loaded.clusterCentres()[c].toArray());
    }
    List<Row> before = model.transform(data).orderBy("doc_id").select("cluster_id", "distance").collectAsList();
    List<Row> after = loaded.transform(data).orderBy("doc_id").select("cluster_id", "distance").collectAsList();
    assertEquals(before, after, name + ": the loaded model assigns otherwise");

    String pipelinePath = dir.resolve(name + "-pipeline").toString();
    new PipelineModel("p", new org.apache.spark.ml.Transformer[] {model}).write().overwrite().save(pipelinePath);
    assertInstanceOf(ClusteringModel.class, PipelineModel.load(pipelinePath).stages()[0]);
  }

  private static void assertSameParams(ClusteringParams expected, ClusteringParams actual) {
    assertEquals(expected.uid(), actual.uid());
    assertEquals(expected.params().length, actual.params().length);
    for (Param<?> param : expected.params()) {
      Object want = expected.getOrDefault(param);
      Object got = actual.getOrDefault(actual.getParam(param.name()));
      assertEquals(want, got, param.name());
      assertEquals(expected.isSet(param), actual.isSet(actual.getParam(param.name())), param.name() + " set");
    }
  }
}
