package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;

import io.textcluster.config.ClusterConfig;
import java.io.Serializable;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.clustering.GaussianMixtureModel;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.ElementwiseProduct;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.stat.distribution.MultivariateGaussian;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.mllib.clustering.GaussianMixture;
import org.apache.spark.mllib.linalg.Matrices;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A Gaussian mixture whose EM starts where scikit-learn's does (init_params = "kmeans"): from k-means clusters, each
 * component's weight, mean and full covariance those of its cluster, plus a small ridge on the diagonal.
 *
 * <p>Why the data is rescaled first: MLlib's EM (and the ML model's assignment) adds machine epsilon (2.2e-16) to every
 * component's weighted density, not working in logs. In 20 dimensions with a spread like the digits' (0..16 pixels,
 * PCA scores up to +-30) every density is far below 1e-16, so all components score the same epsilon, every document
 * gets uniform responsibilities and EM converges in two iterations to k identical components: one cluster, ARI 0.
 * A full-covariance mixture is invariant to linear rescaling (same clusters, likelihood shifted by the log-Jacobian),
 * so each dimension is scaled to a pooled within-cluster variance of 1/(2 pi e), where a typical document's density is
 * about 1. The scaling is a stage of the saved model, so new documents are assigned in the same space.
 *
 * <p>EM itself is MLlib's distributed implementation (RDD {@code GaussianMixture} with an initial model); the result is
 * wrapped as an ML {@link GaussianMixtureModel} so it saves, loads and assigns inside the run's PipelineModel.
 */
final class MixtureFromKMeans {
  /** scikit-learn's reg_covar (1e-6), relative to the scaled within-cluster variance, so it is scale-free. */
  private static final double RIDGE = 1e-6;

  private MixtureFromKMeans() {}

  /** Variance per dimension at which a d-dimensional Gaussian's density at a typical point is about 1. */
  private static final double TARGET_VARIANCE = 1 / (2 * Math.PI * Math.E);
  static final String SCALED = "gmm_scaled";
  /** The starting clusters' column. */
  static final String START = "gmm_start";

  /**
   * @param scaler multiplies the features by {@code scale}, into {@link #SCALED}
   * @param model the mixture over {@link #SCALED}
   * @param logLikelihood the total log-likelihood of the unscaled data
   * @param startIterations the k-means iterations that made the starting groups
   * @param emIterations the EM iterations run (MLlib's model does not say; see {@link EmIterations})
   */
  record Result(ElementwiseProduct scaler, GaussianMixtureModel model, double logLikelihood, int startIterations,
      int emIterations) {}

  static Result fit(Dataset<Row> data, String featuresCol, ClusterConfig cluster) {
    return fit(data, featuresCol, cluster, coldStart(data, featuresCol, cluster));
  }

  /**
   * The groups EM starts from: each one's documents give a component's starting weight, mean and covariance.
   *
   * @param labelled the documents with their group in {@link #START} (0..k-1) and their features
   * @param iterations the k-means iterations that made the groups (0 when none ran)
   */
  record Start(Dataset<Row> labelled, int k, int iterations) {}

  /** The cold start: euclidean k-means (k-means||) on the reduced features, its clusters the groups. */
  static Start coldStart(Dataset<Row> data, String featuresCol, ClusterConfig cluster) {
    KMeansModel kmeans =
        new KMeans()
            .setFeaturesCol(featuresCol)
            .setPredictionCol(START)
            .setK(cluster.k())
            .setSeed(cluster.seed())
            .setMaxIter(cluster.maxIterations())
            .setDistanceMeasure(ClusterConfig.EUCLIDEAN)
            .fit(data);
    return new Start(kmeans.transform(data), cluster.k(), kmeans.summary().numIter());
  }

  static Result fit(Dataset<Row> data, String featuresCol, ClusterConfig cluster, Start start) {
    int k = start.k();
    // One pass: count, sum and sum of outer products per starting group (k x d x d numbers collected, d <= 100).
    Map<Integer, Moments> moments =
        start.labelled().select(col(START), col(featuresCol)).toJavaRDD()
            .mapToPair(row -> new Tuple2<>(row.getInt(0), Moments.of((Vector) row.get(1))))
            .reduceByKey(Moments::merge)
            .collectAsMap();
    Moments all = null;
    for (Moments m : moments.values()) {
      all = all == null ? m.copy() : all.copy().merge(m);
    }
    int d = all.sum.length;
    double[] scale = scale(moments, all);
    double ridge = RIDGE * TARGET_VARIANCE;
    double[] weights = new double[k];
    org.apache.spark.mllib.stat.distribution.MultivariateGaussian[] initial =
        new org.apache.spark.mllib.stat.distribution.MultivariateGaussian[k];
    for (int c = 0; c < k; c++) {
      // A k-means cluster left empty (or with one document) starts as the whole data's Gaussian with a small weight.
      Moments m = moments.getOrDefault(c, all);
      if (m.count < 2) {
        m = all;
      }
      weights[c] = Math.max(moments.containsKey(c) ? moments.get(c).count : 0, 1) / (double) all.count;
      initial[c] =
          new org.apache.spark.mllib.stat.distribution.MultivariateGaussian(
              Vectors.dense(scaled(m.mean(), scale)), Matrices.dense(d, d, scaled(m.covariance(0), scale, ridge)));
    }
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    for (int c = 0; c < k; c++) {
      weights[c] /= total;
    }
    ElementwiseProduct scaler =
        new ElementwiseProduct()
            .setInputCol(featuresCol)
            .setOutputCol(SCALED)
            .setScalingVec(org.apache.spark.ml.linalg.Vectors.dense(scale));
    Dataset<Row> scaledData = scaler.transform(data).select(SCALED);
    JavaRDD<org.apache.spark.mllib.linalg.Vector> points =
        scaledData.toJavaRDD()
            .map(row -> Vectors.fromML((Vector) row.get(0)))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      GaussianMixture mixture =
          new GaussianMixture()
              .setK(k)
              .setSeed(cluster.seed())
              .setMaxIterations(cluster.maxIterations())
              // MLlib compares the change of the total log-likelihood; cluster.tolerance is per document (as
              // scikit-learn's tol), so the corpus size does not change when EM stops.
              .setConvergenceTol(cluster.tolerance() * all.count)
              .setInitialModel(new org.apache.spark.mllib.clustering.GaussianMixtureModel(weights, initial));
      EmIterations.Counted<org.apache.spark.mllib.clustering.GaussianMixtureModel> em =
          EmIterations.count(data.sparkSession().sparkContext(), () -> mixture.run(points.rdd()));
      org.apache.spark.mllib.clustering.GaussianMixtureModel fitted = em.result();
      MultivariateGaussian[] gaussians = new MultivariateGaussian[k];
      for (int c = 0; c < k; c++) {
        gaussians[c] = new MultivariateGaussian(fitted.gaussians()[c].mu().asML(), fitted.gaussians()[c].sigma().asML());
      }
      // The ML model's constructor is package-private in Scala, public in bytecode (as LbgClustering's KMeansModel).
      GaussianMixtureModel model =
          new GaussianMixtureModel(Identifiable.randomUID("gmm"), fitted.weights(), gaussians);
      GaussianMixtureModel assigner = model.copy(
          new ParamMap()
              .put(model.featuresCol().w(SCALED))
              .put(model.predictionCol().w(Columns.CLUSTER_ID))
              .put(model.probabilityCol().w(GaussianMixtureClustering.PROBABILITIES))
              .put(model.k().w(k))
              .put(model.seed().w(cluster.seed())));
      double logJacobian = 0;
      for (double f : scale) {
        logJacobian += Math.log(f);
      }
      // Densities in the scaled space are those of the data times the Jacobian prod(scale).
      double logLikelihood = logLikelihood(scaledData, SCALED, assigner) - all.count * logJacobian;
      return new Result(scaler, assigner, logLikelihood, start.iterations(), em.iterations());
    } finally {
      points.unpersist(false);
    }
  }

  /** Assigns each document to the nearest of {@code means} (euclidean) in {@link #START}; no iterations. */
  static KMeansModel nearestOf(Vector[] means, String featuresCol) {
    org.apache.spark.mllib.linalg.Vector[] centres = new org.apache.spark.mllib.linalg.Vector[means.length];
    for (int i = 0; i < means.length; i++) {
      centres[i] = Vectors.fromML(means[i]);
    }
    KMeansModel model =
        new KMeansModel(Identifiable.randomUID("gmm_start"), new org.apache.spark.mllib.clustering.KMeansModel(centres));
    model.setFeaturesCol(featuresCol);
    model.setPredictionCol(START);
    return model;
  }

  /** Per dimension: the factor that brings its pooled within-cluster variance to the target (1 where it is 0). */
  private static double[] scale(Map<Integer, Moments> clusters, Moments all) {
    int d = all.sum.length;
    double[] pooled = new double[d];
    for (Moments m : clusters.values()) {
      double[] cov = m.covariance(0);
      for (int i = 0; i < d; i++) {
        pooled[i] += m.count * Math.max(cov[i * d + i], 0) / all.count;
      }
    }
    double[] totalCov = all.covariance(0);
    double[] scale = new double[d];
    for (int i = 0; i < d; i++) {
      // A dimension constant within every cluster falls back to its total variance, a constant one to no scaling.
      double variance = pooled[i] > 1e-12 ? pooled[i] : totalCov[i * d + i];
      scale[i] = variance > 1e-12 ? Math.sqrt(TARGET_VARIANCE / variance) : 1.0;
    }
    return scale;
  }

  private static double[] scaled(double[] mean, double[] scale) {
    double[] out = new double[mean.length];
    for (int i = 0; i < mean.length; i++) {
      out[i] = mean[i] * scale[i];
    }
    return out;
  }

  /** diag(scale) cov diag(scale) + ridge I, column-major. */
  private static double[] scaled(double[] cov, double[] scale, double ridge) {
    int d = scale.length;
    double[] out = new double[d * d];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < d; i++) {
        out[j * d + i] = cov[j * d + i] * scale[i] * scale[j] + (i == j ? ridge : 0);
      }
    }
    return out;
  }

  /** The mixture's total log-likelihood of the data (log-sum-exp over components, so far points do not underflow). */
  static double logLikelihood(Dataset<Row> data, String featuresCol, GaussianMixtureModel model) {
    Broadcast<GaussianMixtureModel> shared =
        JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext()).broadcast(model);
    try {
      return data.select(col(featuresCol)).toJavaRDD()
          .map(row -> logDensity(shared.value(), (Vector) row.get(0)))
          .reduce(Double::sum);
    } finally {
      shared.destroy();
    }
  }

  private static double logDensity(GaussianMixtureModel model, Vector x) {
    double[] terms = new double[model.weights().length];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < terms.length; c++) {
      terms[c] = Math.log(model.weights()[c]) + model.gaussians()[c].logpdf(x);
      max = Math.max(max, terms[c]);
    }
    double sum = 0;
    for (double t : terms) {
      sum += Math.exp(t - max);
    }
    return max + Math.log(sum);
  }

  /** Count, sum and sum of outer products (column-major d x d) of a set of points. */
  static final class Moments implements Serializable {
    private static final long serialVersionUID = 1L;
    long count;
    final double[] sum;
    final double[] outer;

    private Moments(long count, double[] sum, double[] outer) {
      this.count = count;
      this.sum = sum;
      this.outer = outer;
    }

    static Moments of(Vector v) {
      double[] x = v.toArray();
      int d = x.length;
      double[] outer = new double[d * d];
      for (int j = 0; j < d; j++) {
        for (int i = 0; i < d; i++) {
          outer[j * d + i] = x[i] * x[j];
        }
      }
      return new Moments(1, x.clone(), outer);
    }

    Moments merge(Moments other) {
      count += other.count;
      for (int i = 0; i < sum.length; i++) {
        sum[i] += other.sum[i];
      }
      for (int i = 0; i < outer.length; i++) {
        outer[i] += other.outer[i];
      }
      return this;
    }

    Moments copy() {
      return new Moments(count, sum.clone(), outer.clone());
    }

    double[] mean() {
      double[] mean = sum.clone();
      for (int i = 0; i < mean.length; i++) {
        mean[i] /= count;
      }
      return mean;
    }

    double[] covariance(double ridge) {
      int d = sum.length;
      double[] mean = mean();
      double[] cov = new double[d * d];
      for (int j = 0; j < d; j++) {
        for (int i = 0; i < d; i++) {
          cov[j * d + i] = outer[j * d + i] / count - mean[i] * mean[j] + (i == j ? ridge : 0);
        }
      }
      return cov;
    }

  }
}
