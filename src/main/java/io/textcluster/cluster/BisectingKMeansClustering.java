package io.textcluster.cluster;

import io.textcluster.config.ClusterConfig;
import java.util.Map;
import org.apache.spark.ml.clustering.BisectingKMeans;
import org.apache.spark.ml.clustering.BisectingKMeansModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Spark MLlib's bisecting k-means: top-down, each step splits one cluster in two with a 2-means. */
public final class BisectingKMeansClustering {
  private BisectingKMeansClustering() {}

  static FittedClustering fit(ClusterConfig cluster, String featuresCol, Dataset<Row> data) {
    BisectingKMeansModel model =
        new BisectingKMeans()
            .setFeaturesCol(featuresCol)
            .setPredictionCol(KMeansClustering.CLUSTER_ID)
            .setK(cluster.k())
            .setSeed(cluster.seed())
            .setMaxIter(cluster.maxIterations())
            .setDistanceMeasure(cluster.distance())
            .fit(data);
    return new FittedClustering(
        model,
        model.clusterCenters(),
        Map.of(),
        Map.of("bisecting_kmeans_training_cost", model.summary().trainingCost()),
        model.clusterCenters().length + " leaf clusters");
  }
}
