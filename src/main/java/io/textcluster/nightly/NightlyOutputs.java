package io.textcluster.nightly;

import static org.apache.spark.sql.functions.col;

import io.textcluster.config.NightlyConfig;
import io.textcluster.config.OutputConfig;
import io.textcluster.io.AttemptWrites;
import io.textcluster.io.LakeTables;
import io.textcluster.io.LakeWriter;
import io.textcluster.lineage.ClusterLineage;
import io.textcluster.novelty.NoveltyThresholds;
import io.textcluster.trends.ClusterTrends;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a run or predict adds for nightly users (issue 17), kept out of the orchestrators: novelty columns in
 * assignments with their thresholds in the clusters table, the cluster_lineage table against cluster.match-run, and
 * the cluster_trends table over input.time-column. Every table goes through {@link AttemptWrites#replaceRun}, so a
 * failed attempt leaves none of them half-written. The metrics it adds end up in the runs row.
 */
public final class NightlyOutputs {
  public static final String DOC_ID = "doc_id";
  public static final String CLUSTER_ID = "cluster_id";
  public static final String DISTANCE = "distance";

  private final SparkSession spark;
  private final NightlyConfig config;
  private final String runId;
  private final OutputConfig output;
  private final LakeWriter lake;
  private final PrintStream console;
  private final Map<String, Double> metrics = new LinkedHashMap<>();

  public NightlyOutputs(
      SparkSession spark, NightlyConfig config, String runId, OutputConfig output, PrintStream console) {
    this.spark = spark;
    this.config = config;
    this.runId = runId;
    this.output = output;
    this.lake = new LakeWriter(spark, output);
    this.console = console;
  }

  /** A fit's own thresholds: each cluster's distance percentiles and its cluster.novelty-quantile. */
  public Dataset<Row> fitThresholds(Dataset<Row> assigned) {
    return NoveltyThresholds.fit(assigned, CLUSTER_ID, DISTANCE, config.noveltyQuantile());
  }

  /** The thresholds a fitted run saved in its clusters table; empty for a run written before they were. */
  public Optional<Dataset<Row>> savedThresholds(String fittedRun) {
    Dataset<Row> clusters =
        spark.read().format(output.format()).option("mergeSchema", "true").load(lake.tablePath(LakeTables.CLUSTERS))
            .where(col(LakeWriter.RUN_ID).equalTo(fittedRun));
    return NoveltyThresholds.fromClusters(clusters);
  }

  /** assignments with distance_percentile and is_novel; {@code columns} gains them for the table's select. */
  public Dataset<Row> withNovelty(Dataset<Row> assigned, Dataset<Row> thresholds, List<Column> columns) {
    NoveltyThresholds.COLUMNS.forEach(c -> columns.add(col(c)));
    return NoveltyThresholds.addColumns(assigned, thresholds, CLUSTER_ID, DISTANCE);
  }

  /** Predict: the share of new documents beyond their cluster's threshold, the signal that a re-fit is due. */
  public void reportNovelShare(Dataset<Row> withNovelty) {
    NoveltyThresholds.novelShare(withNovelty).ifPresent(share -> {
      metrics.put("novel_share", share);
      console.printf("[textcluster] novelty   %.1f%% of the documents lie beyond their cluster's %s distance quantile%n",
          100 * share, config.noveltyQuantile());
    });
  }

  /** The clusters table's rows with distance_percentiles and novelty_threshold added, columns in their order. */
  public Dataset<Row> clustersWithThresholds(Dataset<Row> clusters, Dataset<Row> thresholds) {
    List<Column> order = new ArrayList<>();
    for (String c : clusters.columns()) {
      order.add(clusters.col(c));
    }
    order.add(thresholds.col(NoveltyThresholds.PERCENTILES));
    order.add(thresholds.col(NoveltyThresholds.THRESHOLD));
    return clusters
        .join(thresholds, clusters.col(CLUSTER_ID).equalTo(thresholds.col(CLUSTER_ID)), "left")
        .select(order.toArray(Column[]::new));
  }

  /** cluster_lineage against the earlier run (cluster.match-run), and its console line. */
  public void writeLineage(AttemptWrites writes, Dataset<Row> assigned, String earlierRun) throws IOException {
    Dataset<Row> earlier = lake.read(LakeTables.ASSIGNMENTS).where(col(LakeWriter.RUN_ID).equalTo(earlierRun));
    ClusterLineage.Result lineage =
        ClusterLineage.compute(runId, assigned, earlierRun, earlier, DOC_ID, CLUSTER_ID, config.lineageMinShare());
    writes.replaceRun(LakeTables.CLUSTER_LINEAGE, lineage.table(spark));
    metrics.putAll(lineage.metrics());
    console.println(ClusterLineage.consoleLine(earlierRun, lineage));
  }

  /** cluster_trends when input.time-column is set (the column is kept in assignments), and its console line. */
  public void writeTrends(AttemptWrites writes, Dataset<Row> assigned) throws IOException {
    if (config.timeColumn().isEmpty()) {
      return;
    }
    ClusterTrends.Result trends =
        ClusterTrends.compute(runId, assigned, CLUSTER_ID, config.timeColumn().get(), config.period(),
            config.emerging());
    writes.replaceRun(LakeTables.CLUSTER_TRENDS, trends.rows());
    metrics.put("trends_emerging", (double) trends.emerging().size());
    if (trends.untimedDocuments() > 0) {
      metrics.put("trends_untimed_documents", (double) trends.untimedDocuments());
    }
    console.println("[textcluster] trends    " + trends.summary(config.period()));
  }

  /** What this run adds to the runs row: lineage_*, trends_*, novel_share. */
  public Map<String, Double> metrics() {
    return metrics;
  }
}
