package io.textcluster.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Davies-Bouldin, Calinski-Harabasz and the within-cluster sum of squares (to each cluster's mean, i.e. k-means
 * inertia) over every document, from per-cluster aggregates only: one aggregation for the means (k x d), one for each
 * cluster's summed distance and squared distance to its mean (k x 2). Two passes rather than one because
 * Davies-Bouldin needs the mean (non-squared) distance to the mean, which no single-pass moment gives; the squared
 * error is summed directly rather than as sum(|x|^2) - n|c|^2, which loses digits to cancellation. Formulas follow
 * sklearn.metrics.davies_bouldin_score and calinski_harabasz_score.
 */
final class ClusterGeometry {
  private ClusterGeometry() {}

  static Map<String, Double> compute(Dataset<Row> assigned, String featuresCol, String clusterCol) {
    List<Row> summaries =
        assigned
            .groupBy(col(clusterCol))
            .agg(Summarizer.metrics("mean", "count").summary(col(featuresCol)).as("s"))
            .select(col(clusterCol), col("s.mean"), col("s.count"))
            .orderBy(col(clusterCol))
            .collectAsList();
    int k = summaries.size();
    int maxCluster = summaries.stream().mapToInt(r -> r.getInt(0)).max().orElse(-1);
    Vector[] means = new Vector[maxCluster + 1];
    long[] sizes = new long[k];
    int[] ids = new int[k];
    for (int i = 0; i < k; i++) {
      Row r = summaries.get(i);
      ids[i] = r.getInt(0);
      means[ids[i]] = r.getAs(1);
      sizes[i] = r.getLong(2);
    }
    JavaSparkContext context = JavaSparkContext.fromSparkContext(assigned.sparkSession().sparkContext());
    Broadcast<Vector[]> broadcastMeans = context.broadcast(means);
    try {
      Map<Integer, double[]> spread = spread(assigned, featuresCol, clusterCol, broadcastMeans);
      return metrics(ids, sizes, means, spread);
    } finally {
      broadcastMeans.destroy();
    }
  }

  private static Map<Integer, double[]> spread(
      Dataset<Row> assigned, String featuresCol, String clusterCol, Broadcast<Vector[]> means) {
    var squared = udf(new SquaredDistanceToMean(means), DataTypes.DoubleType);
    Map<Integer, double[]> spread = new LinkedHashMap<>();
    assigned
        .select(col(clusterCol).as("c"), squared.apply(col(featuresCol), col(clusterCol)).as("sq"))
        .groupBy(col("c"))
        .agg(sum(org.apache.spark.sql.functions.sqrt(col("sq"))), sum(col("sq")))
        .collectAsList()
        .forEach(r -> spread.put(r.getInt(0), new double[] {r.getDouble(1), r.getDouble(2)}));
    return spread;
  }

  static Map<String, Double> metrics(int[] ids, long[] sizes, Vector[] means, Map<Integer, double[]> spread) {
    int k = ids.length;
    long n = 0;
    double sse = 0;
    double[] meanDistance = new double[k];
    for (int i = 0; i < k; i++) {
      n += sizes[i];
      double[] s = spread.get(ids[i]);
      sse += s[1];
      meanDistance[i] = s[0] / sizes[i];
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("within_cluster_sse", sse);
    if (k < 2 || k >= n) {
      // Both scores are undefined (sklearn raises) for one cluster or one document per cluster.
      return metrics;
    }
    int d = means[ids[0]].size();
    double[] overall = new double[d];
    for (int i = 0; i < k; i++) {
      double[] m = means[ids[i]].toArray();
      for (int f = 0; f < d; f++) {
        overall[f] += m[f] * sizes[i] / n;
      }
    }
    Vector overallMean = Vectors.dense(overall);
    double between = 0;
    for (int i = 0; i < k; i++) {
      between += sizes[i] * Vectors.sqdist(means[ids[i]], overallMean);
    }
    metrics.put("calinski_harabasz", sse == 0 ? 1.0 : between * (n - k) / (sse * (k - 1.0)));
    metrics.put("davies_bouldin", daviesBouldin(ids, means, meanDistance));
    return metrics;
  }

  private static double daviesBouldin(int[] ids, Vector[] means, double[] meanDistance) {
    int k = ids.length;
    double[][] centreDistance = new double[k][k];
    boolean allSpreadZero = true;
    boolean allCentresTogether = true;
    for (int i = 0; i < k; i++) {
      allSpreadZero &= Math.abs(meanDistance[i]) <= 1e-8;
      for (int j = 0; j < k; j++) {
        centreDistance[i][j] = Math.sqrt(Vectors.sqdist(means[ids[i]], means[ids[j]]));
        allCentresTogether &= Math.abs(centreDistance[i][j]) <= 1e-8;
      }
    }
    // sklearn's np.allclose guards: a degenerate clustering scores 0.
    if (allSpreadZero || allCentresTogether) {
      return 0.0;
    }
    double total = 0;
    for (int i = 0; i < k; i++) {
      double worst = 0;
      for (int j = 0; j < k; j++) {
        if (i != j && centreDistance[i][j] > 0) {
          worst = Math.max(worst, (meanDistance[i] + meanDistance[j]) / centreDistance[i][j]);
        }
      }
      total += worst;
    }
    return total / k;
  }
}
