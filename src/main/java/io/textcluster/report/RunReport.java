package io.textcluster.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;

import io.textcluster.config.OutputConfig;
import io.textcluster.config.ReportConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.io.Concurrently;
import io.textcluster.io.LakeTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Builds a run's HTML report from the lake tables alone (runs, clusters, assignments, and sweeps when present), so
 * `textcluster report --run ID` can rebuild it at any time. Everything collected is bounded: one runs row, k cluster
 * rows (without their centres: the page gets their k x k similarity), the map sample (at most report.map-points rows),
 * label x cluster counts, the sweep's rows, and the run's trends, lineage and earlier run ({@link RunHistory}).
 */
public final class RunReport {
  public static final String REPORTS = "reports";
  public static final String SWEEPS = "sweeps";
  private static final String RUN_ID = "run_id";
  private static final String CLUSTER_ID = "cluster_id";
  private static final String LABEL = "label";
  /** A label column with more distinct values than this is not a class label worth a heatmap. */
  static final int MAX_CONTINGENCY_CELLS = 20_000;

  private final SparkSession spark;
  private final OutputConfig output;
  private final ReportConfig settings;

  public RunReport(SparkSession spark, OutputConfig output, ReportConfig settings) {
    this.spark = spark;
    this.output = output;
    this.settings = settings;
  }

  /** Where the report of {@code runId} is written: {@code <output.path>/reports/<run_id>.html}. */
  public String pathOf(String runId) {
    return output.tablePath(REPORTS) + "/" + runId + ".html";
  }

  /** Reads the run's tables, writes its page and returns the page's path. */
  public String write(String runId) {
    String html = ReportPage.render("textcluster run " + runId, dataJson(runId));
    Path target = new Path(pathOf(runId));
    try {
      // Under a hidden temporary name first, renamed when complete: a full disk never leaves half a page.
      new io.textcluster.io.LakeFiles(spark.sparkContext().hadoopConfiguration())
          .writeAtomically(target, html.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TextClusterException(
          "Cannot write the report to " + target + ": " + e.getMessage() + ". Check that 'output.path' is writable.");
    }
    return target.toString();
  }

  /**
   * The page's data: one JSON object; only bounded results are collected. Its parts are independent queries of
   * different tables, run at once (issue 20: each is a few small Spark jobs and Delta's planning, a second or so of one
   * core on a small run); the history needs the clusters rows, so it follows them.
   */
  String dataJson(String runId) {
    Dataset<Row> runs = table(LakeTables.RUNS);
    Dataset<Row> clusterRows = table(LakeTables.CLUSTERS);
    Dataset<Row> clustersOfRun = clusterRows == null ? null : clusterRows.filter(col(RUN_ID).equalTo(runId));
    Dataset<Row> assignments = table(LakeTables.ASSIGNMENTS);
    Dataset<Row> ofRun = assignments == null ? null : assignments.filter(col(RUN_ID).equalTo(runId));
    Dataset<Row> sweepRows = table(SWEEPS);
    // Each part is the page's member or members it reads ("run": ..., "clusters": ..., ...), joined in order.
    List<Callable<String>> parts = List.of(
        () -> {
          List<String> run = runs == null ? List.of()
              : runs.filter(col(RUN_ID).equalTo(runId)).toJSON().collectAsList();
          if (run.isEmpty()) {
            throw new TextClusterException("The lake at " + output.path() + " has no run '" + runId + "' in its "
                + "runs table. Check the run id and 'output.path' (or --lake); run ids are in "
                + output.tablePath(LakeTables.RUNS) + ".");
          }
          return "\"run\":" + run.get(0);
        },
        () -> {
          List<String> clusters = clustersOfRun == null ? List.of()
              : sorted(clustersOfRun.drop(CentreSimilarity.CENTRE), col(CLUSTER_ID)).toJSON().collectAsList();
          return "\"clusters\":" + array(clusters)
              + ",\"history\":" + new RunHistory(this::table).json(runId, clusters);
        },
        () -> "\"points\":" + MapSample.json(ofRun, settings.mapPoints()),
        () -> "\"similarity\":" + CentreSimilarity.json(clustersOfRun),
        () -> "\"contingency\":" + array(contingency(ofRun)),
        () -> "\"sweeps\":" + array(sweepRows == null || !has(sweepRows, RUN_ID) ? List.of()
            : sweepRows.filter(col(RUN_ID).equalTo(runId)).limit(10_000).toJSON().collectAsList()));
    return "{" + String.join(",", collectAll(parts)) + ",\"generated_at\":\"" + Instant.now() + "\"}";
  }

  /** The parts' values in order; a failure is thrown as it was (Spark's and the report's own are unchecked). */
  private static List<String> collectAll(List<Callable<String>> parts) {
    try {
      return Concurrently.all(parts);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> contingency(Dataset<Row> ofRun) {
    if (ofRun == null || !has(ofRun, LABEL)) {
      return List.of();
    }
    return ofRun.groupBy(col(LABEL), col(CLUSTER_ID)).agg(count("*").as("count"))
        .orderBy(LABEL, CLUSTER_ID)
        .limit(MAX_CONTINGENCY_CELLS)
        .toJSON()
        .collectAsList();
  }

  private Dataset<Row> table(String name) {
    String path = output.tablePath(name);
    try {
      Path p = new Path(path);
      if (!p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)) {
        return null;
      }
    } catch (IOException e) {
      throw new TextClusterException("Cannot reach the lake at " + path + ": " + e.getMessage());
    }
    return spark.read().format(output.format()).load(path);
  }

  /**
   * {@code rows} in {@code order}, for a result small enough to collect (one run's clusters, lineage): sorted in one
   * partition, as orderBy would return them, but in one Spark job where orderBy's range partitioning runs three
   * (issue 20: a small run's report was mostly fixed costs of such jobs).
   */
  static Dataset<Row> sorted(Dataset<Row> rows, org.apache.spark.sql.Column... order) {
    return rows.coalesce(1).sortWithinPartitions(order);
  }

  private static boolean has(Dataset<Row> rows, String column) {
    return Arrays.asList(rows.columns()).contains(column);
  }

  private static String array(List<String> jsonRows) {
    return "[" + String.join(",", jsonRows) + "]";
  }
}
