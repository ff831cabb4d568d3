package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import io.textcluster.config.ClusterConfig;
import io.textcluster.config.TextClusterException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * HDBSCAN (seed 003) and DBSCAN (seed 004) at corpus scale by sample-and-assign: the method runs exactly on a seeded
 * sample of {@code cluster.density.sample-size} documents on the driver (HDBSCAN* by Tribuo; DBSCAN by {@link
 * Dbscan}), and a {@link NearestAnchorModel} then assigns every document in one distributed pass:
 *
 * <ul>
 *   <li>DBSCAN: anchors are the sample's core points, radius eps. A document within eps of a core point joins that
 *       point's cluster (DBSCAN's own rule for border points; the nearest core point decides between clusters).
 *   <li>HDBSCAN: anchors are the sample's clustered points; the radius of each is its cluster's reach, the largest
 *       core distance (distance to the min-samples-th nearest sample point, itself included) among the cluster's
 *       members: a document joins the cluster of its nearest clustered sample point if it is no farther from it than
 *       the sparsest member of that cluster is from its own min-samples-th neighbour.
 * </ul>
 *
 * Anything else is noise, cluster_id -1. Cluster ids are numbered in the order of their first sample point. Each
 * cluster's centre is the mean of its sample members. The fit reports the sample's size, clusters and noise share, and
 * how many sample points the assignment rule puts where the fit put them (density_sample_agreement).
 */
final class DensityClustering {
  private DensityClustering() {}

  static ClusteringModel fit(ClusterConfig cluster, String featuresCol, Dataset<Row> data) {
    return fit(cluster, null, featuresCol, data);
  }

  /** As above; {@code noise} (null = keep) says what becomes of noise documents (cluster.density.noise). */
  static ClusteringModel fit(ClusterConfig cluster, DensityParams noise, String featuresCol, Dataset<Row> data) {
    ClusterConfig.Density settings = cluster.density();
    boolean cosine = ClusterConfig.COSINE.equals(cluster.distance());
    DriverSample sample =
        DriverSample.draw(data, featuresCol, settings.sampleSize(), cluster.seed(), cosine,
            "cluster.density.sample-size");
    boolean hdbscan = cluster.algorithm().equals(ClusterConfig.HDBSCAN);
    int[] labels;
    boolean[] anchor;
    double[] radius;
    int clusters;
    double hdbscanSeconds = 0;
    if (hdbscan) {
      long started = System.nanoTime();
      labels = TribuoHdbscan.labels(sample, settings.minClusterSize(), settings.minSamples());
      hdbscanSeconds = (System.nanoTime() - started) / 1e9;
      clusters = Arrays.stream(labels).max().orElse(-1) + 1;
      anchor = new boolean[labels.length];
      radius = new double[labels.length];
      for (int i = 0; i < labels.length; i++) {
        anchor[i] = labels[i] >= 0;
      }
      // A cluster's reach is its largest core distance: the sparsest of its members still belongs to it.
      double[] core = coreDistances(sample, anchor, settings.minSamples());
      double[] reach = new double[clusters];
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] >= 0) {
          reach[labels[i]] = Math.max(reach[labels[i]], core[i]);
        }
      }
      for (int i = 0; i < labels.length; i++) {
        radius[i] = labels[i] >= 0 ? reach[labels[i]] : 0;
      }
    } else {
      Dbscan.Result result = Dbscan.fit(sample, settings.eps(), settings.minSamples());
      labels = result.labels();
      clusters = result.clusters();
      anchor = result.core();
      radius = new double[labels.length];
      Arrays.fill(radius, settings.eps());
    }
    if (clusters == 0) {
      throw new TextClusterException(
          cluster.algorithm() + " found no cluster in its sample of " + sample.size() + " documents: every one is "
              + "noise. " + (hdbscan
                  ? "Lower 'cluster.density.min-cluster-size' or 'cluster.density.min-samples'."
                  : "Raise 'cluster.density.eps' or lower 'cluster.density.min-samples'."));
    }
    List<double[]> anchorPoints = new ArrayList<>();
    List<Integer> anchorClusters = new ArrayList<>();
    List<Double> anchorRadii = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      if (anchor[i]) {
        anchorPoints.add(sample.points[i]);
        anchorClusters.add(labels[i]);
        anchorRadii.add(radius[i]);
      }
    }
    double[][] points = anchorPoints.toArray(double[][]::new);
    int[] ids = anchorClusters.stream().mapToInt(Integer::intValue).toArray();
    double[] radii = anchorRadii.stream().mapToDouble(Double::doubleValue).toArray();
    NearestAnchorModel model =
        NearestAnchorModel.of(cluster.algorithm(), points, ids, radii)
            .setFeaturesCol(featuresCol)
            .setPredictionCol(Columns.CLUSTER_ID)
            .setDistanceMeasure(cluster.distance());
    long agree =
        IntStream.range(0, labels.length).parallel()
            .filter(i -> NearestAnchorModel.assign(sample.points[i], points, ids, radii, cosine) == labels[i])
            .count();
    long sampleNoise = Arrays.stream(labels).filter(l -> l < 0).count();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("density_sample_size", (double) sample.size());
    metrics.put("density_sample_clusters", (double) clusters);
    metrics.put("density_sample_noise_share", (double) sampleNoise / sample.size());
    metrics.put("density_anchors", (double) points.length);
    metrics.put("density_sample_agreement", (double) agree / sample.size());
    if (hdbscan) {
      metrics.put("hdbscan_fit_seconds", hdbscanSeconds);
    }
    NoiseReassignment.Result reassigned = noise == null
        ? new NoiseReassignment.Result(model, Map.of(), "")
        : NoiseReassignment.apply(noise, sample, labels, clusters, model, featuresCol, cluster.distance(), data);
    metrics.putAll(reassigned.metrics());
    return ClusteringModel.of(cluster.algorithm(), reassigned.assigner(), centres(sample.means(labels, clusters)),
        new ClusteringSummary(cluster.algorithm(), 0, Double.NaN, Map.of(), metrics, clusters + " clusters in a sample of " + sample.size() + " (" + sampleNoise + " noise), " + points.length
            + " anchors" + (reassigned.description().isEmpty() ? "" : ", " + reassigned.description())));
  }

  /** Each anchor's distance to its minSamples-th nearest sample point (itself, at 0, is the first). */
  static double[] coreDistances(DriverSample sample, boolean[] wanted, int minSamples) {
    int n = sample.size();
    double[] core = new double[n];
    IntStream.range(0, n).parallel().forEach(i -> {
      if (!wanted[i]) {
        return;
      }
      double[] distances = new double[n];
      for (int j = 0; j < n; j++) {
        distances[j] = i == j ? 0 : sample.distance(i, j);
      }
      Arrays.sort(distances);
      core[i] = distances[Math.min(minSamples, n) - 1];
    });
    return core;
  }

  static Vector[] centres(double[][] means) {
    Vector[] centres = new Vector[means.length];
    for (int c = 0; c < means.length; c++) {
      centres[c] = Vectors.dense(means[c]);
    }
    return centres;
  }
}
