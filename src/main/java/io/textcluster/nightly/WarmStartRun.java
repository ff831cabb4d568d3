package io.textcluster.nightly;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;

import io.textcluster.cluster.EarlierCentres;
import io.textcluster.cluster.FittedClustering;
import io.textcluster.cluster.WarmStart;
import io.textcluster.config.JobConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.io.LakeTables;
import io.textcluster.io.LakeWriter;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** cluster.init = previous-run in a run: the match run's assignments read from the lake, then a warm-started fit. */
public final class WarmStartRun {
  private WarmStartRun() {}

  public static FittedClustering fit(SparkSession spark, JobConfig config, Dataset<Row> featurized) {
    String earlierRun = config.matchRun().orElseThrow();
    LakeWriter lake = new LakeWriter(spark, config.output());
    Dataset<Row> earlier;
    try {
      earlier = lake.read(LakeTables.ASSIGNMENTS).where(col(LakeWriter.RUN_ID).equalTo(earlierRun));
    } catch (Exception e) {
      // Spark's AnalysisException (path not found) is a checked exception to Java.
      throw new TextClusterException(
          "cluster.init = previous-run but this lake has no assignments table at "
              + lake.tablePath(LakeTables.ASSIGNMENTS) + " to start from. Set 'cluster.match-run' to a run of this "
              + "output.path, or 'cluster.init' = \"k-means||\".", e);
    }
    EarlierCentres.Measured measured =
        EarlierCentres.measure(earlier, featurized, Columns.DOC_ID, Columns.FEATURES);
    if (measured.centres().isEmpty()) {
      throw new TextClusterException(
          "cluster.init = previous-run but run '" + earlierRun + "' assigned none of this run's documents: nothing "
              + "to start from. Check 'cluster.match-run', or set 'cluster.init' = \"k-means||\".");
    }
    return WarmStart.fit(config.cluster(), Columns.FEATURES, featurized,
        new WarmStart.Earlier(earlier, measured, earlierParents(lake, earlierRun)));
  }

  /**
   * The earlier run's split tree (parent_cluster_id in its clusters table), which a warm-started LBG or bisecting fit
   * keeps for the clusters it carries over; empty when that run wrote no parents or no clusters table.
   */
  static Map<Integer, Integer> earlierParents(LakeWriter lake, String earlierRun) {
    Map<Integer, Integer> parents = new HashMap<>();
    try {
      for (Row row :
          lake.read(LakeTables.CLUSTERS)
              .where(col(LakeWriter.RUN_ID).equalTo(earlierRun).and(col("parent_cluster_id").isNotNull()))
              .select(Columns.CLUSTER_ID, "parent_cluster_id")
              .collectAsList()) {
        parents.put(row.getInt(0), row.getInt(1));
      }
    } catch (Exception e) {
      // No clusters table (Spark's AnalysisException is checked to Java): the warm start then has no tree to keep.
      return Map.of();
    }
    return parents;
  }
}
