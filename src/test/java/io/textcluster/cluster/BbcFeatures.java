package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;

import io.textcluster.config.ClusterConfig;
import io.textcluster.config.JobConfig;
import io.textcluster.evaluate.HungarianMatching;
import io.textcluster.evaluate.LabelContingency;
import io.textcluster.features.TfidfFeatures;
import io.textcluster.io.Corpus;
import io.textcluster.io.CorpusReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The BBC News example's TF-IDF features (2,225 documents, doc_id, label, features), built once per test JVM and
 * shared by the clustering tests, plus the small helpers they have in common.
 */
final class BbcFeatures {
  private static Dataset<Row> featurized;
  private static Dataset<Row> earlier;

  private BbcFeatures() {}

  static synchronized Dataset<Row> get(SparkSession spark) {
    if (featurized == null) {
      JobConfig config = JobConfig.load(Path.of("conf", "examples", "bbc_news.conf"), Map.of());
      Corpus corpus = new CorpusReader(spark).read(config.input());
      var stages = TfidfFeatures.stages(Columns.TEXT, config.text(), config.features());
      featurized =
          new Pipeline()
              .setStages(stages.toArray(PipelineStage[]::new))
              .fit(corpus.documents())
              .transform(corpus.documents())
              .select(Columns.DOC_ID, Columns.LABEL, Columns.FEATURES)
              .persist(StorageLevel.MEMORY_AND_DISK());
      featurized.count();
    }
    return featurized;
  }

  /**
   * An earlier night's features: 60% of the articles (by a hash of doc_id), with their own TF-IDF vocabulary fitted on
   * that part only, as a run on a smaller corpus would have (doc_id, features), built once per test JVM.
   */
  static synchronized Dataset<Row> earlierPart(SparkSession spark) {
    if (earlier == null) {
      JobConfig config = JobConfig.load(Path.of("conf", "examples", "bbc_news.conf"), Map.of());
      Dataset<Row> documents =
          new CorpusReader(spark).read(config.input()).documents().where("pmod(hash(" + Columns.DOC_ID + "), 10) < 6");
      var stages = TfidfFeatures.stages(Columns.TEXT, config.text(), config.features());
      earlier =
          new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(documents).transform(documents)
              .select(Columns.DOC_ID, Columns.FEATURES)
              .persist(StorageLevel.MEMORY_AND_DISK());
      earlier.count();
    }
    return earlier;
  }

  /**
   * The share of the documents both assignments hold that stay together: earlier and later clusters matched
   * one-to-one for the largest total overlap (Hungarian), the matched overlaps over all shared documents.
   */
  static double keptShare(Dataset<Row> earlier, Dataset<Row> assigned) {
    List<Row> counts =
        assigned.select(col(Columns.DOC_ID), col(Columns.CLUSTER_ID).as("now"))
            .join(earlier.select(col(Columns.DOC_ID), col(Columns.CLUSTER_ID).as("before")), Columns.DOC_ID)
            .groupBy("now", "before").count().collectAsList();
    int size = 1;
    for (Row r : counts) {
      size = Math.max(size, Math.max(r.getInt(0), r.getInt(1)) + 1);
    }
    double[][] gain = new double[size][size];
    long total = 0;
    for (Row r : counts) {
      gain[r.getInt(0)][r.getInt(1)] = r.getLong(2);
      total += r.getLong(2);
    }
    int[] match = HungarianMatching.maximumTotal(gain);
    double matched = 0;
    for (int i = 0; i < match.length; i++) {
      if (match[i] >= 0) {
        matched += gain[i][match[i]];
      }
    }
    return matched / total;
  }

  static ClusterConfig config(String algorithm, int k, long seed, String init) {
    return new ClusterConfig(
        algorithm, k, seed, 50, 1.0e-4, ClusterConfig.COSINE, init, 2, 1, ClusterConfig.SOLVER_AUTO, 0.01, ClusterConfig.GMM_REDUCTION_LSA, 20,
        false);
  }

  /** Adjusted Rand index between two assignments of the same documents (doc_id, cluster_id each). */
  static double agreement(Dataset<Row> a, Dataset<Row> b) {
    Dataset<Row> joined =
        a.select(col(Columns.DOC_ID), col(Columns.CLUSTER_ID).cast("string").as("first"))
            .join(b.select(col(Columns.DOC_ID), col(Columns.CLUSTER_ID).as("second")), Columns.DOC_ID);
    return LabelContingency.compute(joined, "first", "second").metrics().get("adjusted_rand_index");
  }

  /** Sum over documents of the squared euclidean distance to their centre (the within-cluster SSE). */
  static double withinClusterSse(SparkSession spark, FittedClustering fit, Dataset<Row> data, String distance) {
    try (CentreDistances distances = new CentreDistances(spark, fit.centres(), distance)) {
      Row sum =
          distances
              .addTo(fit.model().transform(data), Columns.FEATURES, Columns.CLUSTER_ID)
              .agg(org.apache.spark.sql.functions.sum(CentreDistances.SQUARED_ERROR))
              .first();
      return sum.getDouble(0);
    }
  }
}
