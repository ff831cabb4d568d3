package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.textcluster.config.ClusterControl;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Outlier reduction for density methods (cluster.density.noise), BERTopic's reduce_outliers at Spark scale: the
 * method's own assigner runs first; a document it leaves as noise then joins the cluster whose centre (the mean of
 * the cluster's sample members, in the space the method fitted in) is nearest, always ("nearest") or only within a
 * distance ("within": cluster.density.noise-distance, or the noise-quantile of the clustered sample members'
 * distances to their own centre, so the limit is as far as a typical member lies from its centre). The whole rule is
 * one saved assigner, so new documents are reassigned as the run's own were.
 */
final class NoiseReassignment {
  static final String CANDIDATE = "noise_candidate";

  /** The assigner to use, the figures to record, and a few words for the console ("" when noise is kept). */
  record Result(Transformer assigner, Map<String, Double> metrics, String description) {}

  private NoiseReassignment() {}

  static Result apply(
      DensityParams params, DriverSample sample, int[] labels, int clusters, NearestAnchorModel anchors,
      String featuresCol, String distanceMeasure, Dataset<Row> data) {
    String mode = params.getNoise();
    if (mode.equals(ClusterControl.KEEP)) {
      return new Result(anchors, Map.of(), "");
    }
    double[][] centres = sample.means(labels, clusters);
    if (sample.cosine) {
      for (double[] c : centres) {
        DriverSample.normalize(c);
      }
    }
    double limit = mode.equals(ClusterControl.NEAREST)
        ? Double.POSITIVE_INFINITY
        : params.getNoiseDistance() > 0
            ? params.getNoiseDistance()
            : memberQuantile(sample, labels, centres, params.getNoiseQuantile());
    int[] ids = new int[clusters];
    Arrays.setAll(ids, c -> c);
    double[] radii = new double[clusters];
    Arrays.fill(radii, limit);
    NearestAnchorModel nearestCentre =
        NearestAnchorModel.of("noiseCentres", centres, ids, radii)
            .setFeaturesCol(featuresCol)
            .setPredictionCol(CANDIDATE)
            .setDistanceMeasure(distanceMeasure);
    PipelineModel assigner =
        new PipelineModel(Identifiable.randomUID("noiseReassigned"),
            new Transformer[] {anchors, nearestCentre, new NoiseFallback()});
    Row shares = anchors.transform(data)
        .agg(count(lit(1)), sum(when(col(Columns.CLUSTER_ID).lt(0), 1).otherwise(0)))
        .first();
    long documents = shares.getLong(0);
    long noise = shares.isNullAt(1) ? 0 : shares.getLong(1);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("noise_share_before", documents == 0 ? 0.0 : (double) noise / documents);
    if (!Double.isInfinite(limit)) {
      metrics.put("noise_reassign_distance", limit);
    }
    String description = Double.isInfinite(limit)
        ? "noise reassigned to the nearest cluster"
        : String.format("noise within %.3f of a centre reassigned", limit);
    return new Result(assigner, metrics, description);
  }

  /** The q-quantile of the clustered sample members' distances to their own centre. */
  static double memberQuantile(DriverSample sample, int[] labels, double[][] centres, double q) {
    double[] distances = new double[sample.size()];
    int n = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= 0) {
        distances[n++] = DriverSample.distance(sample.points[i], centres[labels[i]], sample.cosine);
      }
    }
    double[] members = Arrays.copyOf(distances, n);
    Arrays.sort(members);
    return members[Math.min(n - 1, (int) Math.ceil(q * n) - 1 < 0 ? 0 : (int) Math.ceil(q * n) - 1)];
  }
}
