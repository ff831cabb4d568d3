package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.ClusterConfig;
import io.textcluster.support.SparkTest;
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
    Dataset<Row> earlierFeatures = BbcFeatures.earlierPart(spark);
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
    double coldKept = BbcFeatures.keptShare(earlier, coldFit.transform(later));
    double warmKept = BbcFeatures.keptShare(earlier, warmFit.model().transform(later));
    System.out.printf("warm start on BBC News (60%% earlier, 100%% later, k = 5): cold %d iterations, cost %.3f, "
        + "%.4f of shared documents kept; warm %d iterations, cost %.3f, %.4f kept%n",
        coldIterations, coldCost, coldKept, warmIterations, warmCost, warmKept);
    earlier.unpersist();
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
}
