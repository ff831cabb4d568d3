package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import io.textcluster.cluster.ClusteringMethods;
import io.textcluster.cluster.FittedClustering;
import io.textcluster.config.ClusterConfig;
import io.textcluster.config.EvaluateConfig;
import io.textcluster.evaluate.InternalMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The k sweep (cluster.sweep): fits the run's algorithm for every k of k-from..k-to, scores each fit with the
 * internal metrics (inertia to the cluster means, silhouette in the run's distance on evaluate.sample-size documents,
 * Davies-Bouldin, Calinski-Harabasz; all as scikit-learn defines them), and chooses the final k by the configured
 * rule. One row per k goes to the {@code sweeps} table; only those few numbers reach the driver.
 */
public final class KSweep {
  public static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("k", DataTypes.IntegerType, false)
          .add("inertia", DataTypes.DoubleType, true)
          .add("silhouette", DataTypes.DoubleType, true)
          .add("davies_bouldin", DataTypes.DoubleType, true)
          .add("calinski_harabasz", DataTypes.DoubleType, true)
          .add("chosen", DataTypes.BooleanType, false);

  /** One k's scores; a metric that is undefined for the fit (e.g. one non-empty cluster) is null. */
  public record Score(int k, Double inertia, Double silhouette, Double daviesBouldin, Double calinskiHarabasz) {}

  public record Result(List<Score> scores, int chosenK, String rule) {
    public Dataset<Row> rows(SparkSession spark, String runId) {
      List<Row> rows = new ArrayList<>();
      for (Score s : scores) {
        rows.add(RowFactory.create(runId, s.k(), s.inertia(), s.silhouette(), s.daviesBouldin(),
            s.calinskiHarabasz(), s.k() == chosenK));
      }
      return spark.createDataFrame(rows, SCHEMA);
    }
  }

  private KSweep() {}

  public static Result run(Dataset<Row> featurized, String featuresCol, ClusterConfig cluster, EvaluateConfig evaluate) {
    ClusterConfig.Sweep sweep = cluster.sweep();
    String silhouetteKey =
        ClusterConfig.COSINE.equals(cluster.distance()) ? "silhouette_cosine" : "silhouette_euclidean";
    List<Score> scores = new ArrayList<>();
    for (int k = sweep.kFrom(); k <= sweep.kTo(); k += sweep.kStep()) {
      FittedClustering fit = ClusteringMethods.forConfig(cluster.withK(k)).fit(featurized, featuresCol);
      Dataset<Row> assigned = fit.model().transform(featurized).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        Map<String, Double> m =
            InternalMetrics.compute(assigned, featuresCol, Columns.CLUSTER_ID, Columns.DOC_ID,
                evaluate.sampleSize(), evaluate.sampleSeed());
        scores.add(new Score(k, m.get("within_cluster_sse"), m.get(silhouetteKey), m.get("davies_bouldin"),
            m.get("calinski_harabasz")));
      } finally {
        assigned.unpersist();
      }
    }
    return new Result(scores, choose(scores, sweep.rule(), cluster.k()), sweep.rule());
  }

  /**
   * The rule's k; ties and missing scores go to the smallest k. elbow: with k and inertia both scaled to 0..1 over the
   * sweep, the k whose inertia lies farthest below the straight line from the first k's to the last k's (the bend of
   * the curve, as the "kneedle" method finds it). fixed: cluster.k, whatever the scores.
   */
  public static int choose(List<Score> scores, String rule, int fixedK) {
    if (rule.equals(ClusterConfig.Sweep.FIXED)) {
      return fixedK;
    }
    int best = scores.get(0).k();
    double bestValue = Double.NEGATIVE_INFINITY;
    Score first = scores.get(0);
    Score last = scores.get(scores.size() - 1);
    for (Score s : scores) {
      Double value;
      switch (rule) {
        case ClusterConfig.Sweep.SILHOUETTE -> value = s.silhouette();
        case ClusterConfig.Sweep.CALINSKI_HARABASZ -> value = s.calinskiHarabasz();
        case ClusterConfig.Sweep.DAVIES_BOULDIN -> value = s.daviesBouldin() == null ? null : -s.daviesBouldin();
        case ClusterConfig.Sweep.ELBOW -> value = belowChord(s, first, last);
        default -> throw new IllegalArgumentException("unknown sweep rule " + rule);
      }
      if (value != null && value > bestValue) {
        bestValue = value;
        best = s.k();
      }
    }
    return best;
  }

  private static Double belowChord(Score s, Score first, Score last) {
    if (s.inertia() == null || first.inertia() == null || last.inertia() == null) {
      return null;
    }
    double kSpan = last.k() - first.k();
    double high = Math.max(first.inertia(), last.inertia());
    double low = Math.min(first.inertia(), last.inertia());
    if (kSpan == 0 || high == low) {
      return null;
    }
    double x = (s.k() - first.k()) / kSpan;
    double y = (s.inertia() - low) / (high - low);
    double chord = (first.inertia() - low) / (high - low) + x * ((last.inertia() - first.inertia()) / (high - low));
    return chord - y;
  }
}
