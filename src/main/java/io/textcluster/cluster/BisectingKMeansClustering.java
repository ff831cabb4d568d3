package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import io.textcluster.config.ClusterConfig;
import java.util.Map;
import org.apache.spark.ml.clustering.BisectingKMeans;
import org.apache.spark.ml.clustering.BisectingKMeansModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Spark MLlib's bisecting k-means: top-down, each step splits one cluster in two with a 2-means. */
public final class BisectingKMeansClustering {
  private BisectingKMeansClustering() {}

  static ClusteringModel fit(ClusterConfig cluster, String featuresCol, Dataset<Row> data) {
    BisectingKMeansModel model =
        new BisectingKMeans()
            .setFeaturesCol(featuresCol)
            .setPredictionCol(Columns.CLUSTER_ID)
            .setK(cluster.k())
            .setSeed(cluster.seed())
            .setMaxIter(cluster.maxIterations())
            .setDistanceMeasure(cluster.distance())
            .fit(data);
    double cost = model.summary().trainingCost();
    ClusteringSummary summary =
        new ClusteringSummary(
            cluster.algorithm(),
            model.summary().numIter(),
            cost,
            Map.of(),
            Map.of("bisecting_kmeans_training_cost", cost),
            model.clusterCenters().length + " leaf clusters");
    return ClusteringModel.of("bisectingKMeans", model, model.clusterCenters(), summary);
  }
}
