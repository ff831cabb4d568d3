package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import io.textcluster.config.ClusterConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Agglomerative clustering (seed 004) at corpus scale: exact linkage ({@link AgglomerativeLinkage}) on a seeded sample
 * of {@code cluster.agglomerative.sample-size} documents, cut at k clusters; every document is then assigned in one
 * distributed pass to the nearest cluster centroid (the mean of the cluster's sample members), in the run's distance.
 */
final class AgglomerativeClustering {
  private AgglomerativeClustering() {}

  static ClusteringModel fit(ClusterConfig cluster, String featuresCol, Dataset<Row> data) {
    boolean cosine = ClusterConfig.COSINE.equals(cluster.distance());
    DriverSample sample =
        DriverSample.draw(data, featuresCol, cluster.agglomerative().sampleSize(), cluster.seed(), cosine,
            "cluster.agglomerative.sample-size");
    if (sample.size() < cluster.k()) {
      throw new io.textcluster.config.TextClusterException(
          "cluster.k = " + cluster.k() + " but the agglomerative sample holds only " + sample.size()
              + " documents; raise 'cluster.agglomerative.sample-size' or lower 'cluster.k'.");
    }
    String linkage = cluster.agglomerative().linkage();
    int[] labels = AgglomerativeLinkage.fit(sample, linkage, cluster.k());
    double[][] centroids = sample.means(labels, cluster.k());
    if (cosine) {
      for (double[] c : centroids) {
        DriverSample.normalize(c);
      }
    }
    int[] ids = new int[cluster.k()];
    for (int c = 0; c < ids.length; c++) {
      ids[c] = c;
    }
    double[] radii = new double[cluster.k()];
    Arrays.fill(radii, Double.POSITIVE_INFINITY);
    NearestAnchorModel model =
        NearestAnchorModel.of("agglomerative", centroids, ids, radii)
            .setFeaturesCol(featuresCol)
            .setPredictionCol(Columns.CLUSTER_ID)
            .setDistanceMeasure(cluster.distance());
    long agree = 0;
    for (int i = 0; i < labels.length; i++) {
      if (NearestAnchorModel.assign(sample.points[i], centroids, ids, radii, cosine) == labels[i]) {
        agree++;
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("agglomerative_sample_size", (double) sample.size());
    metrics.put("agglomerative_sample_agreement", (double) agree / sample.size());
    return ClusteringModel.of("agglomerative", model, DensityClustering.centres(centroids),
        new ClusteringSummary(ClusterConfig.AGGLOMERATIVE, 0, Double.NaN, Map.of(), metrics,
            linkage + " linkage on a sample of " + sample.size() + ", cut at " + cluster.k()
                + ", then nearest centroid"));
  }
}
