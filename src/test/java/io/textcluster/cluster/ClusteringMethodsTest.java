package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.ClusterConfig;
import io.textcluster.config.TextClusterException;
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
 * Each clustering method on the BBC News TF-IDF features: a saved and reloaded model assigns a 10% sample exactly as
 * the fit did; the same seed gives the same assignments; GMM's probabilities are a distribution per document and an
 * input too wide for a mixture fails naming the key to set.
 */
@SparkTest
class ClusteringMethodsTest {
  private final SparkSession spark;
  @TempDir Path models;

  ClusteringMethodsTest(SparkSession spark) {
    this.spark = spark;
  }

  private long disagreementsAfterReload(FittedClustering fit, Dataset<Row> data, String name) throws Exception {
    Dataset<Row> fitted = fit.model().transform(data).select(col("doc_id"), col("cluster_id").as("fitted"));
    String path = models.resolve(name).toString();
    new PipelineModel(name, new Transformer[] {fit.model()}).write().overwrite().save(path);
    Dataset<Row> sample = data.sample(0.1, 11);
    Dataset<Row> predicted = PipelineModel.load(path).transform(sample).select("doc_id", "cluster_id");
    Dataset<Row> joined = predicted.join(fitted, "doc_id");
    assertEquals(sample.count(), joined.count());
    return joined.filter(col("cluster_id").notEqual(col("fitted"))).count();
  }

  private static double labelAgreement(Dataset<Row> assigned) {
    return io.textcluster.evaluate.LabelContingency.compute(assigned, "label", "cluster_id")
        .metrics()
        .get("adjusted_rand_index");
  }

  @Test
  void bisectingKMeansPredictsFromItsSavedModelAsItFitted() throws Exception {
    Dataset<Row> data = BbcFeatures.get(spark);
    FittedClustering fit =
        ClusteringMethods.forConfig(BbcFeatures.config(ClusterConfig.BISECTING_KMEANS, 5, 42, "random"))
            .fit(data, Columns.FEATURES);
    assertEquals(5, fit.centres().length);
    assertEquals(0, disagreementsAfterReload(fit, data, "bisecting"));
    double ari = labelAgreement(fit.model().transform(data));
    System.out.printf("bisecting-kmeans on bbc_news: ARI with the labels %.4f%n", ari);
  }

  @Test
  void lbgPredictsFromItsSavedModelAsItFittedAndIsDeterministic() throws Exception {
    Dataset<Row> data = BbcFeatures.get(spark);
    ClusterConfig config = BbcFeatures.config(ClusterConfig.LBG, 5, 42, "random");
    FittedClustering fit = ClusteringMethods.forConfig(config).fit(data, Columns.FEATURES);
    assertEquals(0, disagreementsAfterReload(fit, data, "lbg"));
    FittedClustering again = ClusteringMethods.forConfig(config).fit(data, Columns.FEATURES);
    Dataset<Row> first = fit.model().transform(data).select(col("doc_id"), col("cluster_id").as("first"));
    Dataset<Row> second = again.model().transform(data).select("doc_id", "cluster_id");
    assertEquals(0, first.join(second, "doc_id").filter(col("first").notEqual(col("cluster_id"))).count());
    assertEquals(fit.parents(), again.parents());
  }

  @Test
  void gmmProbabilitiesSumToOneAndItsSavedModelPredictsAsItFitted() throws Exception {
    Dataset<Row> data = BbcFeatures.get(spark);
    ClusterConfig base = BbcFeatures.config(ClusterConfig.GMM, 5, 42, "random");
    ClusterConfig withVector =
        new ClusterConfig(base.algorithm(), base.k(), base.seed(), base.maxIterations(), base.tolerance(),
            base.distance(), base.init(), base.initSteps(), base.restarts(), base.kmeansSolver(), base.lbgEpsilon(), base.gmmReduction(),
            base.gmmDimensions(), true);
    long start = System.nanoTime();
    FittedClustering fit = ClusteringMethods.forConfig(withVector).fit(data, Columns.FEATURES);
    System.out.printf("gmm fit %.1f s: %s%n", (System.nanoTime() - start) / 1e9, fit.summary());
    Dataset<Row> assigned = fit.model().transform(data).cache();
    long documents = assigned.count();
    long offByMoreThan1e9 =
        assigned
            .filter(abs(aggregate(col(GaussianMixtureClustering.PROBABILITIES), lit(0.0), (a, b) -> a.plus(b))
                .minus(1.0)).gt(1e-9))
            .count();
    assertEquals(0, offByMoreThan1e9);
    // The max column is the largest membership, and documents go to that component.
    Row extremes =
        assigned.agg(
                org.apache.spark.sql.functions.min(Columns.PROBABILITY),
                org.apache.spark.sql.functions.max(Columns.PROBABILITY))
            .first();
    assertTrue(extremes.getDouble(0) >= 1.0 / 5 - 1e-9 && extremes.getDouble(1) <= 1.0 + 1e-9, extremes.toString());
    assertEquals(documents, assigned.filter(
        col(Columns.PROBABILITY).equalTo(
            org.apache.spark.sql.functions.element_at(col(GaussianMixtureClustering.PROBABILITIES),
                col("cluster_id").plus(1)))).count());
    assertEquals(0, disagreementsAfterReload(fit, data, "gmm"));
    double ari = labelAgreement(assigned);
    System.out.printf("gmm (LSA 20) on bbc_news: ARI with the labels %.4f%n", ari);
    assigned.unpersist();
  }

  @Test
  void gmmOnA384DimensionalInputWithoutReductionFailsNamingTheKey() {
    Random random = new Random(3);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      double[] v = new double[384];
      for (int j = 0; j < v.length; j++) {
        v[j] = random.nextGaussian();
      }
      rows.add(RowFactory.create("d" + i, Vectors.dense(v)));
    }
    StructType schema =
        new StructType().add("doc_id", DataTypes.StringType).add("features", SQLDataTypes.VectorType());
    Dataset<Row> embeddings = spark.createDataFrame(rows, schema);
    ClusterConfig base = BbcFeatures.config(ClusterConfig.GMM, 3, 42, "random");
    ClusterConfig noReduction =
        new ClusterConfig(base.algorithm(), base.k(), base.seed(), base.maxIterations(), base.tolerance(),
            base.distance(), base.init(), base.initSteps(), base.restarts(), base.kmeansSolver(), base.lbgEpsilon(),
            ClusterConfig.GMM_REDUCTION_NONE, base.gmmDimensions(), false);
    TextClusterException e =
        assertThrows(TextClusterException.class,
            () -> ClusteringMethods.forConfig(noReduction).fit(embeddings, "features"));
    assertTrue(e.getMessage().contains("384-dimensional"), e.getMessage());
    assertTrue(e.getMessage().contains("'cluster.gmm.reduction'"), e.getMessage());
  }
}
