package io.textcluster.report;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.textcluster.config.OutputConfig;
import io.textcluster.config.ReportConfig;
import io.textcluster.lineage.ClusterLineage;
import io.textcluster.support.HeadlessChromium;
import io.textcluster.support.SparkTest;
import io.textcluster.trends.ClusterTrends;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-fit's report in headless Chromium: the trends chart, the lineage summary and per-cluster sources, and the
 * comparison with the earlier run must show exactly what the cluster_trends, cluster_lineage, clusters and runs
 * tables hold. The tables are written by the real ClusterTrends and ClusterLineage over a constructed pair of runs:
 * cluster 1 splits into 1 and 4, cluster 2's documents leave the corpus, new documents form cluster 5 in the later
 * months only (so it is the emerging one), clusters 0 and 3 continue.
 */
@SparkTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryReportBrowserTest {
  private static final String BEFORE = "night-1";
  private static final String AFTER = "night-2";
  private final SparkSession spark;
  @TempDir static Path lake;
  private ClusterTrends.Result trends;
  private ClusterLineage.Result lineage;
  private HeadlessChromium browser;

  HistoryReportBrowserTest(SparkSession spark) {
    this.spark = spark;
  }

  private void write(String table, Dataset<Row> rows) {
    rows.write().format("delta").save(lake.resolve(table).toString());
  }

  @BeforeAll
  void writeTheLakeAndOpenTheReport() throws Exception {
    String assignedBefore = "select '" + BEFORE + "' run_id, cast(id as string) doc_id, cast(case when id < 80 then 0"
        + " when id < 160 then 1 when id < 240 then 2 else 3 end as int) cluster_id from range(300) t(id)";
    String assignedAfter = "select '" + AFTER + "' run_id, cast(id as string) doc_id, cast(case when id < 80 then 0"
        + " when id < 120 then 1 when id < 160 then 4 when id < 300 then 3 else 5 end as int) cluster_id,"
        + " add_months(date'2024-01-15', cast(if(id < 300, id % 6, 3 + id % 3) as int)) published,"
        + " (id % 37) * 1.5D map_x, (id % 11) * 2.0D + cluster_id map_y, 'document ' || id || ' about topic ' ||"
        + " (id % 7) map_text from range(360) t(id) where id < 160 or id >= 240";
    Dataset<Row> before = spark.sql(assignedBefore);
    Dataset<Row> after = spark.sql(assignedAfter);
    write("assignments", after.unionByName(before, true));
    trends = ClusterTrends.compute(AFTER, after, "cluster_id", "published", "month", 1);
    write("cluster_trends", trends.rows());
    lineage = ClusterLineage.compute(AFTER, after, BEFORE, before, "doc_id", "cluster_id", 0.2);
    write("cluster_lineage", lineage.table(spark));
    write("clusters", spark.sql("select run_id, cluster_id, count(*) size, count(*) / 300D share,"
        + " 'topic ' || cluster_id name, cast(null as string) matched_from_run, cast(null as double) match_distance"
        + " from (" + assignedBefore + ") group by run_id, cluster_id union all"
        + " select run_id, cluster_id, count(*) size, count(*) / 280D share,"
        + " 'topic ' || cluster_id name, if(cluster_id in (0, 1, 3), '" + BEFORE + "', null) matched_from_run,"
        + " if(cluster_id in (0, 1, 3), 0.1D, null) match_distance from (" + assignedAfter + ")"
        + " group by run_id, cluster_id"));
    write("runs", spark.sql("select '" + BEFORE + "' run_id, 'succeeded' status, timestamp'2024-07-01 02:00:00'"
        + " started_at, 'lake/news' input, 300L documents, 'kmeans' algorithm, 4 k,"
        + " map('within_cluster_sse', 120.5D, 'silhouette_cosine', 0.21D) metrics"
        + " union all select '" + AFTER + "', 'succeeded', timestamp'2024-07-02 02:00:00', 'lake/news', 280L, 'kmeans',"
        + " 5, map('within_cluster_sse', 98.25D, 'silhouette_cosine', 0.25D, 'lineage_born', 1D)"));
    RunReport report = new RunReport(spark, new OutputConfig(lake.toString(), "delta", false),
        new ReportConfig(true, 2000, 200, 250, ReportConfig.PCA));
    String page = report.write(AFTER);
    browser = HeadlessChromium.start(1400, 1800);
    browser.open(Path.of(page).toUri().toString());
  }

  @AfterAll
  void close() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void trendsChartHoldsTheTablesSharesAndFlagsTheEmergingCluster() throws Exception {
    assertEquals(List.of(5), trends.emerging(), "the constructed case: only cluster 5 grows");
    JsonNode shown = browser.evaluate("(() => { const c = window.TC.history.trends.getOption(); return {hidden:"
        + " document.getElementById('trends-section').hidden, periods: c.xAxis[0].data, series: c.series.map(s =>"
        + " ({id: s.clusterId, name: s.name, data: s.data})), emergingRows: Array.from(document.querySelectorAll("
        + "'#trends-table tr.emerging')).map(r => Number(r.dataset.cluster)),"
        + " note: document.getElementById('trends-note').textContent}; })()");
    assertFalse(shown.path("hidden").asBoolean());
    Map<String, Double> table = new HashMap<>();
    for (Row r : trends.rows().collectAsList()) {
      table.put(r.getAs("cluster_id") + "@" + r.getAs("period"), r.getAs("share"));
    }
    int cells = 0;
    for (JsonNode s : shown.path("series")) {
      for (int p = 0; p < shown.path("periods").size(); p++) {
        Double expected = table.get(s.path("id").asInt() + "@" + shown.path("periods").get(p).asText());
        assertEquals(expected, s.path("data").get(p).asDouble(), 1e-12, "cluster " + s.path("id") + " period " + p);
        cells++;
      }
      assertEquals(s.path("id").asInt() == 5, s.path("name").asText().contains("emerging"), s.toString());
    }
    assertEquals(table.size(), cells, "every (cluster, period) of the table is drawn");
    assertEquals("[5]", shown.path("emergingRows").toString());
    assertTrue(shown.path("note").asText().contains("Emerging"), shown.toString());
    // For a person to look at (target/ only, not the README): trends, lineage and comparison in one view.
    browser.evaluate("(() => { document.getElementById('trends-section').scrollIntoView(); return true; })()");
    Path png = Path.of("target", "report-screenshots", "history.png");
    java.nio.file.Files.createDirectories(png.getParent());
    browser.screenshot(png);
  }

  @Test
  void lineageSummaryIsTheConsolesLineAndEachClustersSourcesMatchTheTable() throws Exception {
    assertEquals("1 cluster born, 2 split, 1 died, 2 continued", lineage.summary(), "the constructed case");
    JsonNode shown = browser.evaluate("(() => ({summary: document.getElementById('lineage-summary').textContent,"
        + " links: Array.from(document.querySelectorAll('#lineage-table tr[data-cluster] .bar-row')).map(b =>"
        + " ({cluster: Number(b.closest('tr').dataset.cluster), earlier: b.dataset.earlier, share: Number("
        + "b.dataset.share)})), events: Object.fromEntries(Array.from(document.querySelectorAll("
        + "'#lineage-table tr[data-cluster]')).map(r => [r.dataset.cluster, r.querySelector('.event').textContent])),"
        + " died: Array.from(document.querySelectorAll('#lineage-table tr[data-earlier]')).map(r =>"
        + " Number(r.dataset.earlier))}))()");
    assertEquals("Against run " + BEFORE + ": " + lineage.summary() + ".", shown.path("summary").asText());
    List<Row> rows = lineage.table(spark).where(col("cluster_id").isNotNull()).collectAsList();
    assertEquals(rows.size(), shown.path("links").size(), shown.toString());
    for (Row r : rows) {
      String earlier = r.isNullAt(3) ? "" : String.valueOf(r.<Integer>getAs("earlier_cluster_id"));
      boolean found = false;
      for (JsonNode link : shown.path("links")) {
        if (link.path("cluster").asInt() == r.<Integer>getAs("cluster_id") && link.path("earlier").asText().equals(earlier)) {
          assertEquals(r.<Double>getAs("share"), link.path("share").asDouble(), 1e-12, link.toString());
          found = true;
        }
      }
      assertTrue(found, "no link drawn for " + r);
      assertEquals(r.<String>getAs("event"), shown.path("events").path(String.valueOf(r.<Integer>getAs("cluster_id")))
          .asText());
    }
    assertEquals("[2]", shown.path("died").toString());
  }

  @Test
  void comparisonShowsMatchedSizesThenAndNowAndBothRunsMetrics() throws Exception {
    JsonNode shown = browser.evaluate("(() => ({sizes: Object.fromEntries(Array.from(document.querySelectorAll("
        + "'#comparison-sizes tr[data-cluster]')).map(r => [r.dataset.cluster, [r.dataset.then, r.dataset.now]])),"
        + " sse: Array.from(document.querySelectorAll('#comparison-metrics tr[data-metric=within_cluster_sse] td'))"
        + ".map(td => td.textContent)}))()");
    Map<Integer, Long> then = sizes(BEFORE);
    Map<Integer, Long> now = sizes(AFTER);
    for (Map.Entry<Integer, Long> c : now.entrySet()) {
      JsonNode cell = shown.path("sizes").path(String.valueOf(c.getKey()));
      boolean matched = List.of(0, 1, 3).contains(c.getKey());
      assertEquals(matched ? String.valueOf(then.get(c.getKey())) : "", cell.get(0).asText(), shown.toString());
      assertEquals(String.valueOf(c.getValue()), cell.get(1).asText());
    }
    assertEquals(List.of("within cluster sse", "120.5", "98.2500", "-22.2500"),
        List.of(shown.path("sse").get(0).asText(), shown.path("sse").get(1).asText(), shown.path("sse").get(2).asText(),
            shown.path("sse").get(3).asText()), shown.toString());
  }

  @Test
  void theMapStillFocusesAndSearchesAndTheConsoleStaysClean() throws Exception {
    JsonNode state = browser.evaluate("(() => { const r = window.textclusterReport; r.focus(4); const focus ="
        + " r.state.focus; r.search('topic 3'); const matches = r.state.matches.length; r.search(''); r.focus(4);"
        + " return {focus: focus, matches: matches, back: r.state.focus}; })()");
    assertEquals(4, state.path("focus").asInt());
    assertTrue(state.path("matches").asInt() > 0, state.toString());
    assertTrue(state.path("back").isNull());
    assertEquals(List.of(), browser.consoleErrors());
  }

  private Map<Integer, Long> sizes(String runId) {
    Map<Integer, Long> out = new HashMap<>();
    spark.read().format("delta").load(lake.resolve("clusters").toString()).where(col("run_id").equalTo(runId))
        .collectAsList().forEach(r -> out.put(r.getAs("cluster_id"), r.getAs("size")));
    return out;
  }
}
