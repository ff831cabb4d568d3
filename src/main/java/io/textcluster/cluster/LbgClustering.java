package io.textcluster.cluster;

import io.textcluster.cluster.lloyd.DenseKMeans;
import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;

import io.textcluster.config.ClusterConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.PairFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.mllib.clustering.KMeans;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The LBG (Linde-Buzo-Gray) splitting algorithm of seed 001: start from the centroid of all documents; split every
 * centre into two nearby ones; refine them with k-means started from exactly those centres; repeat until k. When k is
 * not a power of two, the last round splits only the clusters with the largest distortion. Unlike random-init
 * k-means it needs no random start, so it gives nearly the same clusters whatever the seed (the seed only picks the
 * direction each centre is nudged in).
 *
 * <p>Each refinement is a distributed Lloyd iteration from exactly the split centres (MLlib's RDD KMeans with an
 * initial model, or our {@link DenseKMeans} for dense features, per cluster.kmeans-solver); the result is an ML
 * {@code KMeansModel}, so a saved run assigns new documents with the same nearest-centre rule. Cluster ids follow the
 * split tree: a split keeps the parent's id for one half and gives the other half the next free id, recorded as its
 * parent.
 */
public final class LbgClustering {
  private LbgClustering() {}

  static ClusteringModel fit(ClusterConfig cluster, String featuresCol, Dataset<Row> data) {
    boolean cosine = ClusterConfig.COSINE.equals(cluster.distance());
    boolean dense = KMeansClustering.denseSolver(cluster, featuresCol, data);
    JavaRDD<Vector> points =
        data.select(col(featuresCol)).toJavaRDD().map(new ToMllib()).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Vector centroid = centroid(data, featuresCol, cosine);
      List<double[]> centres = new ArrayList<>();
      centres.add(centroid.toArray());
      Map<Integer, Integer> parents = new LinkedHashMap<>();
      Random directions = new Random(cluster.seed());
      KMeansModel model = null;
      int rounds = 0;
      int iterations = 0;
      while (centres.size() < cluster.k()) {
        int splits = Math.min(centres.size(), cluster.k() - centres.size());
        List<Integer> toSplit =
            splits == centres.size() ? allIds(centres.size()) : mostDistorted(points, model, splits, cosine);
        for (int id : toSplit) {
          double[][] halves = split(centres.get(id), cluster.lbgEpsilon(), directions);
          centres.set(id, halves[0]);
          parents.put(centres.size(), id);
          centres.add(halves[1]);
        }
        model = dense ? refineDense(data, featuresCol, centres, cluster) : refine(points, centres, cluster);
        iterations += model.numIter();
        rounds++;
        centres.clear();
        for (Vector c : model.clusterCenters()) {
          centres.add(c.toArray());
        }
      }
      org.apache.spark.ml.clustering.KMeansModel assigner = assigner(model, cluster, featuresCol);
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("lbg_training_cost", model.trainingCost());
      ClusteringSummary summary =
          new ClusteringSummary(
              ClusterConfig.LBG, iterations, model.trainingCost(), parents, metrics,
              rounds + " split rounds, " + iterations + " k-means iterations in all");
      return ClusteringModel.of("lbg", assigner, assigner.clusterCenters(), summary);
    } finally {
      points.unpersist(false);
    }
  }

  /** The mean of all documents (one aggregation); for cosine, scaled to unit length like every spherical centre. */
  static Vector centroid(Dataset<Row> data, String featuresCol, boolean cosine) {
    Row mean = data.agg(Summarizer.mean(col(featuresCol))).first();
    double[] values = ((org.apache.spark.ml.linalg.Vector) mean.get(0)).toArray();
    if (cosine) {
      double norm = norm(values);
      if (norm > 0) {
        for (int i = 0; i < values.length; i++) {
          values[i] /= norm;
        }
      }
    }
    return Vectors.dense(values);
  }

  /**
   * c + epsilon * |c| * u and c - epsilon * |c| * u with u a seeded random unit direction: scaling by |c| keeps the
   * nudge relative whatever the features' scale; a random (not fixed) direction avoids splitting along a coordinate
   * that carries no variance.
   */
  static double[][] split(double[] centre, double epsilon, Random directions) {
    double[] u = new double[centre.length];
    for (int i = 0; i < u.length; i++) {
      u[i] = directions.nextGaussian();
    }
    double scale = epsilon * Math.max(norm(centre), 1e-12) / Math.max(norm(u), 1e-12);
    double[] plus = new double[centre.length];
    double[] minus = new double[centre.length];
    for (int i = 0; i < centre.length; i++) {
      plus[i] = centre[i] + scale * u[i];
      minus[i] = centre[i] - scale * u[i];
    }
    return new double[][] {plus, minus};
  }

  private static KMeansModel refine(JavaRDD<Vector> points, List<double[]> centres, ClusterConfig cluster) {
    Vector[] start = centres.stream().map(Vectors::dense).toArray(Vector[]::new);
    return new KMeans()
        .setK(start.length)
        .setMaxIterations(cluster.maxIterations())
        .setEpsilon(cluster.tolerance())
        .setDistanceMeasure(cluster.distance())
        .setSeed(cluster.seed())
        .setInitialModel(new KMeansModel(start, cluster.distance()))
        .run(points.rdd());
  }

  /** The same refinement by our dense k-means (cluster.kmeans-solver), from exactly the split centres. */
  private static KMeansModel refineDense(
      Dataset<Row> data, String featuresCol, List<double[]> centres, ClusterConfig cluster) {
    org.apache.spark.ml.linalg.Vector[] start =
        centres.stream().map(org.apache.spark.ml.linalg.Vectors::dense)
            .toArray(org.apache.spark.ml.linalg.Vector[]::new);
    org.apache.spark.ml.clustering.KMeansModel refined =
        KMeansClustering.dense(cluster, featuresCol).setK(Math.max(2, start.length)).fitFrom(data, start);
    Vector[] fitted =
        java.util.Arrays.stream(refined.clusterCenters()).map(v -> Vectors.dense(v.toArray())).toArray(Vector[]::new);
    return new KMeansModel(
        fitted, cluster.distance(), refined.summary().trainingCost(), refined.summary().numIter());
  }

  /** Ids of the {@code count} clusters with the largest within-cluster distortion: one pass, k numbers collected. */
  private static List<Integer> mostDistorted(JavaRDD<Vector> points, KMeansModel model, int count, boolean cosine) {
    Broadcast<KMeansModel> shared = JavaSparkContext.fromSparkContext(points.context()).broadcast(model);
    try {
      Map<Integer, Double> distortion =
          points.mapToPair(new Distortion(shared, cosine)).reduceByKey(Double::sum).collectAsMap();
      List<Integer> ids = allIds(model.k());
      // Ties broken by id, so the choice never depends on partition order.
      ids.sort((a, b) -> {
        int byDistortion = Double.compare(distortion.getOrDefault(b, 0.0), distortion.getOrDefault(a, 0.0));
        return byDistortion != 0 ? byDistortion : Integer.compare(a, b);
      });
      List<Integer> chosen = new ArrayList<>(ids.subList(0, count));
      chosen.sort(Integer::compare);
      return chosen;
    } finally {
      shared.destroy();
    }
  }

  /**
   * Wraps the RDD model as an ML KMeansModel (its package-private constructor is public in bytecode): the ML model
   * saves and loads with the run's PipelineModel and assigns by the same nearest-centre rule.
   */
  static org.apache.spark.ml.clustering.KMeansModel assigner(
      KMeansModel model, ClusterConfig cluster, String featuresCol) {
    org.apache.spark.ml.clustering.KMeansModel wrapped =
        new org.apache.spark.ml.clustering.KMeansModel(
            org.apache.spark.ml.util.Identifiable.randomUID("lbg"), model);
    ParamMap params =
        new ParamMap()
            .put(wrapped.featuresCol().w(featuresCol))
            .put(wrapped.predictionCol().w(Columns.CLUSTER_ID))
            .put(wrapped.distanceMeasure().w(cluster.distance()))
            .put(wrapped.k().w(model.k()))
            .put(wrapped.seed().w(cluster.seed()));
    return wrapped.copy(params);
  }

  private static List<Integer> allIds(int count) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(i);
    }
    return ids;
  }

  private static double norm(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v * v;
    }
    return Math.sqrt(sum);
  }

  private static final class ToMllib implements Function<Row, Vector> {
    @Override
    public Vector call(Row row) {
      return Vectors.fromML((org.apache.spark.ml.linalg.Vector) row.get(0));
    }
  }

  /** Each point's cluster and its distance to that centre (squared euclidean, or cosine distance). */
  private static final class Distortion implements PairFunction<Vector, Integer, Double> {
    private final Broadcast<KMeansModel> model;
    private final boolean cosine;

    Distortion(Broadcast<KMeansModel> model, boolean cosine) {
      this.model = model;
      this.cosine = cosine;
    }

    @Override
    public Tuple2<Integer, Double> call(Vector point) {
      KMeansModel m = model.value();
      int id = m.predict(point);
      Vector centre = m.clusterCenters()[id];
      if (!cosine) {
        return new Tuple2<>(id, Vectors.sqdist(point, centre));
      }
      double dot = 0;
      double[] c = centre.toArray();
      double pointNorm = Vectors.norm(point, 2);
      double centreNorm = Vectors.norm(centre, 2);
      if (point instanceof org.apache.spark.mllib.linalg.SparseVector sparse) {
        for (int i = 0; i < sparse.indices().length; i++) {
          dot += sparse.values()[i] * c[sparse.indices()[i]];
        }
      } else {
        double[] p = point.toArray();
        for (int i = 0; i < p.length; i++) {
          dot += p[i] * c[i];
        }
      }
      double norms = pointNorm * centreNorm;
      return new Tuple2<>(id, norms == 0 ? 1.0 : 1 - dot / norms);
    }
  }
}
