package io.textcluster.nightly;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;

import io.textcluster.cluster.EarlierCentres;
import io.textcluster.cluster.FittedClustering;
import io.textcluster.cluster.WarmStartKMeans;
import io.textcluster.config.JobConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.io.LakeTables;
import io.textcluster.io.LakeWriter;
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
    return WarmStartKMeans.fit(config.cluster(), Columns.FEATURES, featurized, measured);
  }
}
