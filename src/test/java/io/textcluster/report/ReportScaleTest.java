package io.textcluster.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.textcluster.config.OutputConfig;
import io.textcluster.config.ReportConfig;
import io.textcluster.support.HeadlessChromium;
import io.textcluster.support.SparkTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report at the largest map, report.map-points = 20,000 (400-character texts, 20 clusters with 5,000-d centres),
 * built by RunReport from a hand-made lake and opened in headless Chromium: the page must stay under 10 MB and hover
 * and search must work on every point. Prints the time to the first drawn map and per hover and search (measured,
 * never asserted: machines differ). Heavy: submit/bench.sh heavy runs it.
 */
@SparkTest
@Tag("heavy")
class ReportScaleTest {
  private static final int POINTS = 20_000;
  private static final int CLUSTERS = 20;
  private static final String[] WORDS = ("market bank shares economy growth film music award match player team "
      + "election minister party phone software internet court police health school oil price rate sales profit "
      + "chart album singer striker coach vote labour tory mobile broadband games network judge trial hospital").split(" ");

  private final SparkSession spark;
  @TempDir Path lake;

  ReportScaleTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void twentyThousandPointsStayUnderTenMegabytesAndRespond() throws Exception {
    spark.sql("select 'big' run_id, 'succeeded' status, " + POINTS + "L documents, 'kmeans' algorithm, " + CLUSTERS
        + " k, map('v_measure', 0.5D, 'driver_peak_heap_mb', 900D) metrics")
        .write().format("delta").save(lake.resolve("runs").toString());
    spark.sql("select 'big' run_id, cast(id as int) cluster_id, " + (POINTS / CLUSTERS) + "L size, 0.05D share,"
        + " 'topic ' || id name, array(named_struct('term', 'market', 'score', 0.3D)) keywords,"
        + " transform(sequence(0, 4999), j -> if(j % " + CLUSTERS + " = id, 1.0D, 0.01D)) centre"
        + " from range(" + CLUSTERS + ") t(id)").write().format("delta").save(lake.resolve("clusters").toString());
    SplittableRandom random = new SplittableRandom(11);
    List<Row> rows = new ArrayList<>(POINTS);
    long withMarket = 0;
    for (int i = 0; i < POINTS; i++) {
      int c = i % CLUSTERS;
      StringBuilder text = new StringBuilder();
      while (text.length() < 400) {
        text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
      }
      String t = text.substring(0, 400);
      // The page holds each document's start only (5 MB of text over 20,000 points), and search reads the page.
      withMarket += MapSample.cut(t, MapSample.TEXT_BUDGET_BYTES / POINTS).contains("market") ? 1 : 0;
      rows.add(RowFactory.create("big", String.format(Locale.ROOT, "doc-%06d", i), c, "label" + (c % 5),
          c * 10 + random.nextGaussian(), (c % 4) * 10 + random.nextGaussian(),
          c * 7 + random.nextGaussian(), (c % 5) * 7 + random.nextGaussian(), t));
    }
    StructType schema = new StructType().add("run_id", DataTypes.StringType).add("doc_id", DataTypes.StringType)
        .add("cluster_id", DataTypes.IntegerType).add("label", DataTypes.StringType)
        .add("map_x", DataTypes.DoubleType).add("map_y", DataTypes.DoubleType)
        .add("umap_x", DataTypes.DoubleType).add("umap_y", DataTypes.DoubleType).add("map_text", DataTypes.StringType);
    spark.createDataFrame(rows, schema).write().format("delta").save(lake.resolve("assignments").toString());

    RunReport report = new RunReport(spark, new OutputConfig(lake.toString(), "delta", false),
        new ReportConfig(true, POINTS, 400, 750, ReportConfig.UMAP));
    Path page = Path.of(report.write("big"));
    long bytes = Files.size(page);
    assertTrue(bytes < 10_000_000, "the 20,000-point page is " + bytes + " bytes");

    try (HeadlessChromium browser = HeadlessChromium.start(1400, 1800)) {
      long start = System.nanoTime();
      browser.open(page.toUri().toString());
      double drawnMs = browser.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame("
          + "() => r(performance.now()))))").asDouble();
      double javaMs = (System.nanoTime() - start) / 1e6;
      assertEquals(POINTS, ReportBrowser.pointsOnMap(browser));
      JsonNode timing = browser.evaluate("(() => { const r = window.textclusterReport; let t = performance.now();"
          + " for (let k = 0; k < 20; k++) { r.pointAt(300 + k * 10, 300); } const hover = (performance.now() - t) / 20;"
          + " t = performance.now(); r.search('market'); const search = performance.now() - t;"
          + " return {hover: hover, search: search, matches: r.state.matches.length}; })()");
      assertEquals(withMarket, timing.path("matches").asLong(), "search finds every document containing the term");
      // A search, a focus and its release, each timed from the call to the second animation frame after it:
      // ECharts draws in its own frame callback, registered before ours, so the map is drawn by then.
      JsonNode redraw = browser.evaluate("(async () => { const r = window.textclusterReport;"
          + " const frames = () => new Promise(f => requestAnimationFrame(() => requestAnimationFrame(f)));"
          + " const time = async (act) => { const t = performance.now(); act(); await frames();"
          + " return performance.now() - t; };"
          + " const search = await time(() => r.search('bank')); const clear = await time(() => r.search(''));"
          + " const focus = await time(() => r.focus(7)); const release = await time(() => r.focus(7));"
          + " return {search: search, clear: clear, focus: focus, release: release}; })()");
      ReportBrowser.hover(browser, ReportBrowser.mostIsolatedPoint(browser));
      assertEquals(List.of(), browser.consoleErrors());
      String figure = String.format(Locale.ROOT,
          "20,000-point report: %.1f MB; first map drawn %.0f ms after navigation start (%.0f ms from the test's"
              + " navigate call); hover hit-test %.2f ms; search over all texts %.1f ms; redrawn after a search %.0f ms,"
              + " after clearing it %.0f ms, after a cluster focus %.0f ms, after its release %.0f ms", bytes / 1e6,
          drawnMs, javaMs, timing.path("hover").asDouble(), timing.path("search").asDouble(),
          redraw.path("search").asDouble(), redraw.path("clear").asDouble(), redraw.path("focus").asDouble(),
          redraw.path("release").asDouble());
      System.out.println("REPORT-SCALE " + figure);
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target", "report-scale.txt"), figure + "\n", StandardCharsets.UTF_8);
      browser.screenshot(Path.of("target", "report-screenshots", "scale-20000.png"));
    }
  }
}
