package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.ClusterConfig;
import io.textcluster.config.JobConfig;
import io.textcluster.features.TfidfFeatures;
import io.textcluster.io.Corpus;
import io.textcluster.io.CorpusReader;
import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every clustering method's saved run, as a Spark ML user would meet it: the features stages and the fitted
 * clustering model saved as one PipelineModel, loaded back with plain {@code PipelineModel.load} and applied to the
 * BBC News documents (doc_id, text). Every document gets the cluster id the fit gave it, and every clustered document
 * a non-negative distance to its centre (noise, -1, has no centre and no distance). Slow methods fit on samples.
 */
@SparkTest
class SavedClusteringPipelineTest {
  private static PipelineModel tfidf;
  private static PipelineModel lsa;
  private static Dataset<Row> documents;

  private final SparkSession spark;
  @TempDir Path models;

  SavedClusteringPipelineTest(SparkSession spark) {
    this.spark = spark;
  }

  /** The BBC News features pipelines, fitted once per JVM: sparse TF-IDF, and TF-IDF -> LSA 40 (dense). */
  private static synchronized void prepare() {
    if (documents != null) {
      return;
    }
    JobConfig config = JobConfig.load(Path.of("conf", "examples", "bbc_news.conf"), Map.of());
    Corpus corpus = new CorpusReader(SparkSession.active()).read(config.input());
    documents = corpus.documents().persist(StorageLevel.MEMORY_AND_DISK());
    tfidf = fitFeatures(config);
    lsa = fitFeatures(
        JobConfig.load(Path.of("conf", "examples", "bbc_news.conf"),
            Map.of("features.lsa.enabled", "true", "features.lsa.dimensions", "40")));
  }

  private static PipelineModel fitFeatures(JobConfig config) {
    List<PipelineStage> stages = TfidfFeatures.stages(Columns.TEXT, config.text(), config.features());
    return new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(documents);
  }

  /**
   * Fits {@code estimator} on the features, saves features + model as one PipelineModel, loads it back with plain
   * PipelineModel.load, transforms the raw documents and checks every document against the fit.
   */
  private void savedRunAssignsAsTheFitDid(String name, PipelineModel features, ClusteringEstimator<?> estimator)
      throws Exception {
    prepare();
    Dataset<Row> featurized = features.transform(documents).persist(StorageLevel.MEMORY_AND_DISK());
    ClusteringModel model = estimator.setFeaturesCol(Columns.FEATURES).fit(featurized);
    Dataset<Row> fitted =
        model.transform(featurized).select(col(Columns.DOC_ID), col("cluster_id").as("fitted"), col("distance"));
    List<Transformer> stages = new ArrayList<>(List.of(features.stages()));
    stages.add(model);
    String path = models.resolve(name).toString();
    new PipelineModel("run-" + name, stages.toArray(Transformer[]::new)).write().overwrite().save(path);

    Dataset<Row> predicted =
        PipelineModel.load(path).transform(documents.select(Columns.DOC_ID, Columns.TEXT))
            .select(col(Columns.DOC_ID), col("cluster_id"), col("distance").as("loaded_distance"));
    Dataset<Row> joined = predicted.join(fitted, Columns.DOC_ID).persist(StorageLevel.MEMORY_AND_DISK());
    long documentsFitted = featurized.count();
    long clustered = joined.filter(col("cluster_id").geq(0)).count();
    System.out.printf("%s: %s; %d of %d documents clustered%n", name, model.summary().description(), clustered,
        documentsFitted);
    assertEquals(documentsFitted, predicted.count(), name + ": the loaded model lost or added documents");
    assertEquals(documentsFitted, joined.count(), name + ": documents missing from the loaded model's output");
    assertEquals(0, joined.filter(col("cluster_id").notEqual(col("fitted"))).count(),
        name + ": the loaded model assigns some documents differently from the fit");
    assertTrue(clustered > documentsFitted / 2, name + " left most documents as noise: " + clustered);
    assertEquals(0, joined.filter(col("cluster_id").geq(0)
            .and(col("loaded_distance").isNull().or(col("loaded_distance").lt(0)))).count(),
        name + ": a clustered document without a non-negative distance");
    assertEquals(0, joined.filter(col("cluster_id").lt(0).and(col("loaded_distance").isNotNull())).count(),
        name + ": noise has no centre, hence no distance");
    assertEquals(0, joined.filter(col("cluster_id").geq(0)
            .and(col("loaded_distance").minus(col("distance")).gt(1e-9)
                .or(col("distance").minus(col("loaded_distance")).gt(1e-9)))).count(),
        name + ": the loaded model measures other distances than the fit");
    joined.unpersist();
    featurized.unpersist();
  }

  @Test
  void kmeansWithMllibsSolver() throws Exception {
    prepare();
    savedRunAssignsAsTheFitDid("kmeans-mllib", tfidf,
        new KMeansEstimator().setK(5).setRestarts(1).setSolver(ClusterConfig.SOLVER_MLLIB));
  }

  @Test
  void kmeansWithTheDenseSolver() throws Exception {
    prepare();
    savedRunAssignsAsTheFitDid("kmeans-dense", lsa,
        new KMeansEstimator().setK(5).setRestarts(1).setSolver(ClusterConfig.SOLVER_DENSE));
  }

  @Test
  void bisectingKMeans() throws Exception {
    prepare();
    savedRunAssignsAsTheFitDid("bisecting", tfidf, new BisectingKMeansEstimator().setK(5).setMaxIter(20));
  }

  @Test
  void lbg() throws Exception {
    prepare();
    savedRunAssignsAsTheFitDid("lbg", tfidf, new LbgEstimator().setK(5).setMaxIter(20));
  }

  @Test
  void gaussianMixture() throws Exception {
    prepare();
    savedRunAssignsAsTheFitDid("gmm", tfidf, new GaussianMixtureEstimator().setK(5).setDimensions(10).setMaxIter(30));
  }

  @Test
  void hdbscan() throws Exception {
    prepare();
    savedRunAssignsAsTheFitDid("hdbscan", lsa,
        new HdbscanEstimator().setSampleSize(600).setMinClusterSize(15).setMinSamples(5));
  }

  @Test
  void dbscan() throws Exception {
    prepare();
    savedRunAssignsAsTheFitDid("dbscan", lsa, new DbscanEstimator().setSampleSize(600).setMinSamples(5).setEps(0.3));
  }

  @Test
  void agglomerative() throws Exception {
    prepare();
    savedRunAssignsAsTheFitDid("agglomerative", lsa, new AgglomerativeEstimator().setK(5).setSampleSize(600));
  }
}
