package io.textcluster.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.textcluster.io.LakeTables;
import io.textcluster.lineage.ClusterLineage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The run against time and against the run before it, for the report: its cluster_trends rows (share per period),
 * its cluster_lineage rows (which earlier clusters each cluster draws from, and the events), and the earlier run's
 * runs row and cluster sizes for a side-by-side comparison. Read from the lake tables like the rest of the report;
 * every read is bounded by clusters x periods or clusters x earlier clusters, never by documents.
 *
 * <p>The earlier run is the one lineage was measured against, else the one the clusters were matched to
 * (cluster.match-run). Without either, the run before this one on the same input is compared on its metrics only:
 * its cluster ids mean nothing here.
 */
final class RunHistory {
  /** At most this many (period, cluster) cells reach the page; beyond it the latest periods are kept. */
  static final int MAX_TREND_CELLS = 40_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN_ID = "run_id";
  private static final String CLUSTER_ID = "cluster_id";
  private static final List<String> EARLIER_CLUSTER_COLUMNS = List.of(CLUSTER_ID, "size", "share", "name");

  private final Function<String, Dataset<Row>> tables;
  private final int maxTrendCells;

  /** @param tables reads a lake table by name, null when the lake has none */
  RunHistory(Function<String, Dataset<Row>> tables) {
    this(tables, MAX_TREND_CELLS);
  }

  RunHistory(Function<String, Dataset<Row>> tables, int maxTrendCells) {
    this.tables = tables;
    this.maxTrendCells = maxTrendCells;
  }

  /**
   * {@code {"trends": ..., "lineage": ..., "earlier": ...}}, each null when the run has none.
   *
   * @param clusterRows the run's clusters rows as JSON, as the report collected them
   */
  String json(String runId, List<String> clusterRows) {
    ObjectNode out = JSON.createObjectNode();
    out.set("trends", trends(runId));
    ObjectNode lineage = lineage(runId);
    out.set("lineage", lineage);
    String earlierRun = lineage != null ? lineage.path("earlier_run").asText(null) : matchedRun(clusterRows);
    boolean matched = earlierRun != null;
    if (!matched) {
      earlierRun = previousRunOnSameInput(runId);
    }
    out.set("earlier", earlierRun == null ? null : earlier(earlierRun, matched));
    return out.toString();
  }

  /**
   * Columns per cluster over the periods: {@code {"periods": [...], "clusters": [{"cluster_id", "emerging",
   * "share_growth", "documents": [...], "share": [...]}], "periods_left_out": n}}.
   */
  ObjectNode trends(String runId) {
    Dataset<Row> table = ofRun(LakeTables.CLUSTER_TRENDS, runId);
    if (table == null) {
      return null;
    }
    List<Row> rows = table.select(col("period").cast("string"), col(CLUSTER_ID), col("documents"), col("share"),
            col("share_growth"), col("emerging"))
        .orderBy(col("period").desc(), col(CLUSTER_ID)).limit(maxTrendCells + 1).collectAsList();
    if (rows.isEmpty()) {
      return null;
    }
    long allPeriods = table.select("period").distinct().count();
    TreeSet<String> periods = new TreeSet<>();
    rows.forEach(r -> periods.add(r.getString(0)));
    if (rows.size() > maxTrendCells) {
      // The limit may have cut through the earliest period kept: leave that period out whole.
      periods.remove(periods.first());
    }
    List<String> kept = new ArrayList<>(periods);
    Map<String, Integer> indexOf = new java.util.HashMap<>();
    kept.forEach(p -> indexOf.put(p, indexOf.size()));
    Map<Integer, ObjectNode> clusters = new TreeMap<>();
    for (Row r : rows) {
      Integer at = indexOf.get(r.getString(0));
      if (at == null) {
        continue;
      }
      ObjectNode c = clusters.computeIfAbsent(r.getInt(1), id -> newTrend(id, kept.size()));
      ((ArrayNode) c.get("documents")).set(at, JSON.getNodeFactory().numberNode(r.getLong(2)));
      ((ArrayNode) c.get("share")).set(at, JSON.getNodeFactory().numberNode(r.isNullAt(3) ? 0 : r.getDouble(3)));
      if (!r.isNullAt(4)) {
        c.put("share_growth", r.getDouble(4));
      }
      c.put("emerging", !r.isNullAt(5) && r.getBoolean(5));
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode periodNodes = out.putArray("periods");
    kept.forEach(periodNodes::add);
    ArrayNode clusterNodes = out.putArray("clusters");
    clusters.values().forEach(clusterNodes::add);
    out.put("periods_left_out", allPeriods - kept.size());
    return out;
  }

  private static ObjectNode newTrend(int clusterId, int periods) {
    ObjectNode c = JSON.createObjectNode();
    c.put(CLUSTER_ID, clusterId);
    c.put("emerging", false);
    c.putNull("share_growth");
    ArrayNode documents = c.putArray("documents");
    ArrayNode share = c.putArray("share");
    for (int i = 0; i < periods; i++) {
      // A cluster has a row for every period (the table fills its zeros); 0 covers a table that did not.
      documents.add(0);
      share.add(0.0);
    }
    return c;
  }

  /**
   * {@code {"earlier_run", "summary", "events": {event: n}, "rows": [...]}}: the table's rows as they are, and the
   * summary the console printed ("2 clusters born, 1 split"), rebuilt from the rows by the same code.
   */
  ObjectNode lineage(String runId) {
    Dataset<Row> table = ofRun(LakeTables.CLUSTER_LINEAGE, runId);
    if (table == null) {
      return null;
    }
    List<String> rows = RunReport.sorted(table, col(CLUSTER_ID).asc_nulls_last(),
        col("earlier_cluster_id").asc_nulls_last()).toJSON().collectAsList();
    if (rows.isEmpty()) {
      return null;
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode rowNodes = out.putArray("rows");
    Map<Integer, String> eventOfCluster = new TreeMap<>();
    Map<String, Integer> events = new LinkedHashMap<>();
    for (String json : rows) {
      JsonNode row = read(json);
      rowNodes.add(row);
      out.put("earlier_run", row.path("earlier_run_id").asText());
      String event = row.path("event").asText();
      if (row.path(CLUSTER_ID).isNumber()) {
        eventOfCluster.put(row.path(CLUSTER_ID).asInt(), event);
      } else if (ClusterLineage.DIED.equals(event)) {
        events.merge(event, 1, Integer::sum);
      }
    }
    eventOfCluster.values().forEach(e -> events.merge(e, 1, Integer::sum));
    out.put("summary", new ClusterLineage.Result(List.of(), events).summary());
    ObjectNode eventNodes = out.putObject("events");
    ClusterLineage.EVENTS.forEach(e -> eventNodes.put(e, events.getOrDefault(e, 0)));
    return out;
  }

  /** The run the clusters were matched to (cluster.match-run), or null; read from the rows the report collected. */
  private static String matchedRun(List<String> clusterRows) {
    for (String json : clusterRows) {
      JsonNode matched = read(json).path("matched_from_run");
      if (matched.isTextual()) {
        return matched.asText();
      }
    }
    return null;
  }

  /** The latest succeeded fit on the same input that started before this run; null when there is none. */
  private String previousRunOnSameInput(String runId) {
    Dataset<Row> runs = tables.apply(LakeTables.RUNS);
    if (runs == null || !has(runs, "input") || !has(runs, "started_at") || !has(runs, "status")) {
      return null;
    }
    List<Row> self = runs.filter(col(RUN_ID).equalTo(runId)).select("input", "started_at").limit(1).collectAsList();
    if (self.isEmpty() || self.get(0).isNullAt(0) || self.get(0).isNullAt(1)) {
      return null;
    }
    Dataset<Row> before = runs.filter(col("input").equalTo(self.get(0).getString(0))
        .and(col("status").equalTo("succeeded")).and(col("started_at").lt(lit(self.get(0).get(1)))));
    if (has(runs, "predicted_from_run")) {
      before = before.filter(col("predicted_from_run").isNull());
    }
    List<Row> latest = before.orderBy(col("started_at").desc()).select(RUN_ID).limit(1).collectAsList();
    return latest.isEmpty() ? null : latest.get(0).getString(0);
  }

  /** {@code {"run": runs row without its config, "matched": ids correspond, "clusters": [id, size, share, name]}}. */
  private ObjectNode earlier(String earlierRun, boolean matched) {
    Dataset<Row> runs = ofRun(LakeTables.RUNS, earlierRun);
    List<String> run = runs == null ? List.of() : runs.drop("config").toJSON().collectAsList();
    if (run.isEmpty()) {
      return null;
    }
    ObjectNode out = JSON.createObjectNode();
    out.set("run", read(run.get(0)));
    out.put("matched", matched);
    ArrayNode clusters = out.putArray("clusters");
    Dataset<Row> earlierClusters = ofRun(LakeTables.CLUSTERS, earlierRun);
    if (earlierClusters != null) {
      List<String> columns = new ArrayList<>(EARLIER_CLUSTER_COLUMNS);
      columns.removeIf(c -> !has(earlierClusters, c));
      RunReport.sorted(earlierClusters.selectExpr(columns.toArray(String[]::new)), col(CLUSTER_ID)).toJSON()
          .collectAsList()
          .forEach(json -> clusters.add(read(json)));
    }
    return out;
  }

  private Dataset<Row> ofRun(String name, String runId) {
    Dataset<Row> table = tables.apply(name);
    return table == null || !has(table, RUN_ID) ? null : table.filter(col(RUN_ID).equalTo(runId));
  }

  private static boolean has(Dataset<Row> rows, String column) {
    return Arrays.asList(rows.columns()).contains(column);
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Spark wrote a JSON row Jackson cannot read: " + json, e);
    }
  }
}
