package io.textcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.textcluster.config.ClusterConfig;
import io.textcluster.schema.Columns;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Cold against warm start on BBC News split as in {@link WarmStartTest}: an earlier run of the same method on 60% of
 * the articles (its own vocabulary), then all 2,225 articles fitted cold and warm-started from it.
 */
final class WarmStartComparison {
  private WarmStartComparison() {}

  /** A cold fit, a warm fit and how each kept the earlier run's clusters (see {@link BbcFeatures#keptShare}). */
  record Compared(ClusteringSummary cold, ClusteringSummary warm, FittedClustering warmFit, double coldKept,
      double warmKept) {
    Map<String, Double> coldMetrics() {
      return cold.metrics();
    }
  }

  static Compared compare(SparkSession spark, ClusterConfig config) {
    Dataset<Row> earlierFeatures = BbcFeatures.earlierPart(spark);
    Dataset<Row> later = BbcFeatures.get(spark);
    Dataset<Row> earlier =
        ClusteringMethods.estimator(config).setFeaturesCol(Columns.FEATURES).fit(earlierFeatures)
            .transform(earlierFeatures).select(Columns.DOC_ID, Columns.CLUSTER_ID).cache();
    try {
      ClusteringModel cold = ClusteringMethods.estimator(config).setFeaturesCol(Columns.FEATURES).fit(later);
      EarlierCentres.Measured measured = EarlierCentres.measure(earlier, later, Columns.DOC_ID, Columns.FEATURES);
      assertEquals(config.k(), measured.centres().size());
      FittedClustering warm =
          WarmStart.fit(config, Columns.FEATURES, later, new WarmStart.Earlier(earlier, measured, Map.of()));
      Compared compared =
          new Compared(cold.summary(), ((ClusteringModel) warm.model()).summary(), warm,
              BbcFeatures.keptShare(earlier, cold.transform(later)),
              BbcFeatures.keptShare(earlier, warm.model().transform(later)));
      System.out.printf("warm start of %s on BBC News (60%% earlier, 100%% later, k = %d): cold %d iterations, "
              + "cost %.3f, %.4f of shared documents kept; warm %d iterations, cost %.3f, %.4f kept%n",
          config.algorithm(), config.k(), compared.cold().iterations(), compared.cold().cost(), compared.coldKept(),
          compared.warm().iterations(), compared.warm().cost(), compared.warmKept());
      return compared;
    } finally {
      earlier.unpersist();
    }
  }
}
