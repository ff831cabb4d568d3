package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import io.textcluster.config.ClusterConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * k-means warm-started from an earlier run (cluster.init = previous-run): Lloyd iterations start at the earlier
 * clusters measured in this run's feature space ({@link EarlierCentres}) instead of a fresh k-means||. When k grows,
 * the extra centres come from this run's own k-means|| candidates, farthest first from the centres already chosen;
 * when it shrinks, the earlier clusters with the most shared documents are kept. One fit, no restarts: the start is
 * already a good one, which is why it needs fewer iterations and keeps more documents in their clusters.
 */
public final class WarmStartKMeans {
  private WarmStartKMeans() {}

  public static FittedClustering fit(
      ClusterConfig cluster, String featuresCol, Dataset<Row> data, EarlierCentres.Measured earlier) {
    return FittedClustering.of(model(cluster, featuresCol, data, earlier));
  }

  static ClusteringModel model(
      ClusterConfig cluster, String featuresCol, Dataset<Row> data, EarlierCentres.Measured earlier) {
    Vector[] start = startingCentres(cluster, featuresCol, data, earlier);
    KMeansModel model = lloyd(cluster, featuresCol, data, start);
    double cost = model.summary().trainingCost();
    int iterations = model.summary().numIter();
    int reused = Math.min(cluster.k(), earlier.centres().size());
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("kmeans_training_cost", cost);
    metrics.put("warm_start_iterations", (double) iterations);
    metrics.put("warm_start_earlier_centres", (double) reused);
    ClusteringSummary summary =
        new ClusteringSummary(
            ClusterConfig.KMEANS, iterations, cost, Map.of(), metrics,
            iterations + " iterations, warm start from " + reused + " earlier centres"
                + (cluster.k() > reused ? " and " + (cluster.k() - reused) + " new" : ""));
    return WarmStart.settled(ClusteringModel.of("kmeans", model, model.clusterCenters(), summary), cluster, featuresCol);
  }

  /** The earlier centres (largest first when k shrinks), completed by k-means|| candidates when k grows. */
  static Vector[] startingCentres(
      ClusterConfig cluster, String featuresCol, Dataset<Row> data, EarlierCentres.Measured earlier) {
    List<Vector> chosen = new ArrayList<>();
    for (int id : keptIds(cluster.k(), earlier)) {
      chosen.add(earlier.centres().get(id));
    }
    if (chosen.size() < cluster.k()) {
      Vector[] candidates = KMeansClustering.dense(cluster, featuresCol).initialCentres(data).clusterCenters();
      List<Vector> left = new ArrayList<>(List.of(candidates));
      while (chosen.size() < cluster.k() && !left.isEmpty()) {
        Vector farthest = null;
        double best = -1;
        for (Vector candidate : left) {
          double nearest = Double.MAX_VALUE;
          for (Vector c : chosen) {
            nearest = Math.min(nearest, distance(cluster.distance(), candidate, c));
          }
          if (nearest > best) {
            best = nearest;
            farthest = candidate;
          }
        }
        chosen.add(farthest);
        left.remove(farthest);
      }
    }
    return chosen.toArray(Vector[]::new);
  }

  /** The earlier cluster ids that start this fit, in start order: most shared documents first, at most k. */
  static List<Integer> keptIds(int k, EarlierCentres.Measured earlier) {
    List<Integer> ids = new ArrayList<>(earlier.centres().keySet());
    ids.sort(Comparator.comparingLong((Integer id) -> -earlier.documents().get(id)).thenComparing(id -> id));
    return List.copyOf(ids.subList(0, Math.min(k, ids.size())));
  }

  /**
   * Lloyd iterations from exactly {@code start}: textcluster's solver, else MLlib's RDD k-means. Package-private: seed
   * topics (SeededKMeans) start Lloyd from given centres too.
   */
  static KMeansModel lloyd(ClusterConfig cluster, String featuresCol, Dataset<Row> data, Vector[] start) {
    if (KMeansClustering.denseSolver(cluster, featuresCol, data)) {
      return KMeansClustering.dense(cluster, featuresCol).setK(start.length).fitFrom(data, start);
    }
    // Sparse TF-IDF: MLlib's RDD k-means takes an initial model (the DataFrame API does not expose one).
    org.apache.spark.mllib.linalg.Vector[] initial = new org.apache.spark.mllib.linalg.Vector[start.length];
    for (int i = 0; i < start.length; i++) {
      initial[i] = org.apache.spark.mllib.linalg.Vectors.fromML(start[i]);
    }
    org.apache.spark.mllib.clustering.KMeans kmeans =
        new org.apache.spark.mllib.clustering.KMeans()
            .setK(start.length)
            .setMaxIterations(cluster.maxIterations())
            .setEpsilon(cluster.tolerance())
            .setDistanceMeasure(cluster.distance())
            .setInitialModel(new org.apache.spark.mllib.clustering.KMeansModel(initial));
    org.apache.spark.api.java.JavaRDD<org.apache.spark.mllib.linalg.Vector> rows =
        data.select(featuresCol).javaRDD().map(r -> org.apache.spark.mllib.linalg.Vectors.fromML(r.getAs(0)));
    rows.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    try {
      org.apache.spark.mllib.clustering.KMeansModel rdd = kmeans.run(rows.rdd());
      KMeansModel model = new KMeansModel(org.apache.spark.ml.util.Identifiable.randomUID("kmeans"), rdd);
      model.setFeaturesCol(featuresCol);
      model.setPredictionCol(Columns.CLUSTER_ID);
      model.setParent(new org.apache.spark.ml.clustering.KMeans().setK(start.length)
          .setDistanceMeasure(cluster.distance()));
      model.setSummary(scala.Option.apply(new org.apache.spark.ml.clustering.KMeansSummary(
          model.transform(data), Columns.CLUSTER_ID, featuresCol, start.length, rdd.numIter(),
          rdd.trainingCost())));
      return model;
    } finally {
      rows.unpersist(false);
    }
  }

  static double distance(String measure, Vector a, Vector b) {
    if (ClusterConfig.COSINE.equals(measure)) {
      double norms = Vectors.norm(a, 2) * Vectors.norm(b, 2);
      double dot = 0;
      double[] x = a.toArray();
      double[] y = b.toArray();
      for (int i = 0; i < x.length; i++) {
        dot += x[i] * y[i];
      }
      return norms == 0 ? 1 : 1 - dot / norms;
    }
    return Vectors.sqdist(a, b);
  }
}
