package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.ClusterConfig;
import io.textcluster.config.JobConfig;
import io.textcluster.evaluate.HungarianMatching;
import io.textcluster.features.TfidfFeatures;
import io.textcluster.io.Corpus;
import io.textcluster.io.CorpusReader;
import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * cluster.init = previous-run on BBC News split into an earlier part (60% of the articles, its own vocabulary and
 * fit) and the whole corpus later: the warm start reaches the cold start's cost (or lower) in fewer Lloyd iterations
 * and keeps more of the shared documents in their cluster (one-to-one matching of earlier and later clusters).
 */
@SparkTest
class WarmStartTest {
  private final SparkSession spark;

  WarmStartTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void warmStartNeedsFewerIterationsForTheSameCostAndKeepsMoreIds() {
    JobConfig job = JobConfig.load(Path.of("conf", "examples", "bbc_news.conf"), Map.of());
    Corpus corpus = new CorpusReader(spark).read(job.input());
    Dataset<Row> earlierDocs = corpus.documents().where("pmod(hash(" + Columns.DOC_ID + "), 10) < 6");
    List<PipelineStage> stages = TfidfFeatures.stages(Columns.TEXT, job.text(), job.features());
    Dataset<Row> earlierFeatures =
        new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(earlierDocs).transform(earlierDocs)
            .select(Columns.DOC_ID, Columns.FEATURES).cache();
    Dataset<Row> later = BbcFeatures.get(spark);
    ClusterConfig cold = BbcFeatures.config(ClusterConfig.KMEANS, 5, 42, "k-means||");
    Dataset<Row> earlier =
        KMeansClustering.fitBest(cold, Columns.FEATURES, earlierFeatures).transform(earlierFeatures)
            .select(Columns.DOC_ID, Columns.CLUSTER_ID).cache();

    KMeansModel coldFit = KMeansClustering.fitBest(cold, Columns.FEATURES, later);
    EarlierCentres.Measured measured = EarlierCentres.measure(earlier, later, Columns.DOC_ID, Columns.FEATURES);
    assertEquals(5, measured.centres().size());
    FittedClustering warmFit = WarmStartKMeans.fit(cold, Columns.FEATURES, later, measured);

    int coldIterations = coldFit.summary().numIter();
    double coldCost = coldFit.summary().trainingCost();
    int warmIterations = warmFit.metrics().get("warm_start_iterations").intValue();
    double warmCost = warmFit.metrics().get("kmeans_training_cost");
    double coldKept = kept(earlier, coldFit.transform(later));
    double warmKept = kept(earlier, warmFit.model().transform(later));
    System.out.printf("warm start on BBC News (60%% earlier, 100%% later, k = 5): cold %d iterations, cost %.3f, "
        + "%.4f of shared documents kept; warm %d iterations, cost %.3f, %.4f kept%n",
        coldIterations, coldCost, coldKept, warmIterations, warmCost, warmKept);
    earlier.unpersist();
    earlierFeatures.unpersist();
    assertTrue(warmIterations < coldIterations, warmIterations + " warm vs " + coldIterations + " cold iterations");
    assertTrue(warmCost <= coldCost * 1.01, "warm cost " + warmCost + " vs cold " + coldCost);
    assertTrue(warmKept >= coldKept, "warm kept " + warmKept + " vs cold " + coldKept);
  }

  @Test
  void whenKGrowsTheNewCentresComeFromThisRunsCandidates() {
    Dataset<Row> later = BbcFeatures.get(spark);
    Dataset<Row> earlier =
        KMeansClustering.fitBest(BbcFeatures.config(ClusterConfig.KMEANS, 3, 42, "k-means||"), Columns.FEATURES,
            later).transform(later).select(Columns.DOC_ID, Columns.CLUSTER_ID);
    EarlierCentres.Measured measured = EarlierCentres.measure(earlier, later, Columns.DOC_ID, Columns.FEATURES);
    ClusterConfig six = BbcFeatures.config(ClusterConfig.KMEANS, 6, 42, "k-means||");
    var start = WarmStartKMeans.startingCentres(six, Columns.FEATURES, later, measured);
    assertEquals(6, start.length);
    assertEquals(6, java.util.Arrays.stream(start).distinct().count(), "six distinct centres");
    FittedClustering fit = WarmStartKMeans.fit(six, Columns.FEATURES, later, measured);
    assertEquals(6, fit.centres().length);
    assertEquals(3.0, fit.metrics().get("warm_start_earlier_centres"));
  }

  /** Share of shared documents in the cluster matched one-to-one to their earlier cluster (maximum total). */
  private static double kept(Dataset<Row> earlier, Dataset<Row> assigned) {
    List<Row> counts =
        assigned.select(col(Columns.DOC_ID), col(Columns.CLUSTER_ID).as("now"))
            .join(earlier.withColumnRenamed(Columns.CLUSTER_ID, "before"), Columns.DOC_ID)
            .groupBy("now", "before").count().collectAsList();
    double[][] gain = new double[16][16];
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
}
