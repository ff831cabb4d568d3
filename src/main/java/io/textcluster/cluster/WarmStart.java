package io.textcluster.cluster;

import io.textcluster.config.ClusterConfig;
import io.textcluster.config.NightlyConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.schema.Columns;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * cluster.init = previous-run for each centre-based method: k-means ({@link WarmStartKMeans}), bisecting k-means and
 * LBG by their final refinement ({@link WarmStartRefinement}), and the Gaussian mixture's EM
 * ({@link MixtureWarmStart}). Density and agglomerative methods have no centres to start from.
 */
public final class WarmStart {
  /**
   * The earlier run a fit starts from.
   *
   * @param assignments its (doc_id, cluster_id) rows
   * @param measured its clusters measured in this run's feature space
   * @param parents its parent of each of its clusters (LBG's split tree; empty otherwise)
   */
  public record Earlier(Dataset<Row> assignments, EarlierCentres.Measured measured, Map<Integer, Integer> parents) {}

  private WarmStart() {}

  public static FittedClustering fit(ClusterConfig cluster, String featuresCol, Dataset<Row> data, Earlier earlier) {
    ClusteringModel model;
    switch (cluster.algorithm()) {
      case ClusterConfig.KMEANS:
        model = WarmStartKMeans.model(cluster, featuresCol, data, earlier.measured());
        break;
      case ClusterConfig.BISECTING_KMEANS:
      case ClusterConfig.LBG:
        model = WarmStartRefinement.fit(cluster, featuresCol, data, earlier.measured(), earlier.parents());
        break;
      case ClusterConfig.GMM:
        model = GaussianMixtureClustering.fit(cluster, featuresCol, data, earlier);
        break;
      default:
        // The config reader refuses this already; a caller that builds its own ClusterConfig gets the same words.
        throw new TextClusterException(NightlyConfig.cannotWarmStart(cluster.algorithm()));
    }
    return FittedClustering.of(settled(model, cluster, featuresCol));
  }

  /**
   * The params a cold fit's model gets from its Estimator: the columns, the distance its {@code distance} column is
   * measured by (cluster.distance), k and the seed.
   */
  static ClusteringModel settled(ClusteringModel model, ClusterConfig cluster, String featuresCol) {
    model.set(model.distanceMeasure(), cluster.distance());
    model.set(model.k(), model.clusterCentres().length);
    model.set(model.seed(), cluster.seed());
    return model.setFeaturesCol(featuresCol).setPredictionCol(Columns.CLUSTER_ID);
  }
}
