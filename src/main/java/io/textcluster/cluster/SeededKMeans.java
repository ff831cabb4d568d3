package io.textcluster.cluster;

import io.textcluster.config.ClusterConfig;
import io.textcluster.config.ClusterControl;
import io.textcluster.schema.Columns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Guided k-means (cluster.seed-topics, issue 22): Lloyd iterations start at the analyst's seed topics, which k-means
 * may move, plus k minus seeds centres from this run's own k-means|| candidates, farthest first from the seeds (the
 * completion warm start uses, {@link WarmStartKMeans}). Seed i stays cluster id i, so the model names it after the
 * seed ({@link NamedClusters}). One fit, no restarts: the start is the analyst's.
 */
public final class SeededKMeans {
  private SeededKMeans() {}

  /**
   * @param names the seed topics' names, in id order
   * @param seeds each seed's centre in the features' space (the mean of its texts' vectors)
   */
  public static FittedClustering fit(
      ClusterConfig cluster, ClusterControl control, String featuresCol, Dataset<Row> data, List<String> names,
      Vector[] seeds) {
    Map<Integer, Vector> centres = new LinkedHashMap<>();
    Map<Integer, Long> weights = new LinkedHashMap<>();
    for (int s = 0; s < seeds.length; s++) {
      centres.put(s, seeds[s]);
      // Equal weights: the warm start's ordering (largest first) then keeps the seeds in the order written.
      weights.put(s, 1L);
    }
    Vector[] start =
        WarmStartKMeans.startingCentres(cluster, featuresCol, data, new EarlierCentres.Measured(centres, weights));
    KMeansModel model = WarmStartKMeans.lloyd(cluster, featuresCol, data, start);
    double cost = model.summary().trainingCost();
    int iterations = model.summary().numIter();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("kmeans_training_cost", cost);
    metrics.put("seed_topics", (double) seeds.length);
    ClusteringSummary summary =
        new ClusteringSummary(
            ClusterConfig.KMEANS, iterations, cost, Map.of(), metrics,
            iterations + " iterations from " + seeds.length + " seed topics"
                + (cluster.k() > seeds.length ? " and " + (cluster.k() - seeds.length) + " k-means|| centres" : ""));
    String[] named = new String[start.length];
    for (int id = 0; id < named.length; id++) {
      named[id] = id < names.size() ? names.get(id) : "";
    }
    Transformer assigner =
        new PipelineModel(Identifiable.randomUID("seeded"), new Transformer[] {
            model, new NamedClusters().setNames(named)});
    ClusteringModel fitted =
        ClusteringModel.of(ClusterConfig.KMEANS, assigner, model.clusterCenters(), summary)
            .setFeaturesCol(featuresCol)
            .setPredictionCol(Columns.CLUSTER_ID);
    fitted = fitted.copy(new ParamMap().put(fitted.distanceMeasure().w(cluster.distance())));
    if (control.reduceTo() > 0) {
      fitted = ReduceTo.apply(fitted, data, control.reduceTo());
    }
    return FittedClustering.of(fitted);
  }
}
