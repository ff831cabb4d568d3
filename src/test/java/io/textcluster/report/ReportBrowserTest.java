package io.textcluster.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.textcluster.config.JobConfig;
import io.textcluster.job.TextClusteringJob;
import io.textcluster.support.HeadlessChromium;
import io.textcluster.support.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report in a real browser: a run on a subset of bbc_news (with two hostile documents added) and of livedoor, the
 * page opened in headless Chromium over the DevTools protocol, checked for console errors, points on the map, hover
 * text, injected markup that must not run, and a screenshot in target/report-screenshots/.
 */
@SparkTest
class ReportBrowserTest {
  private static final String SCRIPT_DOC =
      "Injected <script>window.__injected = 'script';</script> market shares and the bank <!-- comment -->";
  private static final String IMG_DOC =
      "Injected <img src=x onerror=\"window.__injected = 'img'\"> market growth </script><b>bold</b> economy";
  private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

  private final SparkSession spark;
  @TempDir Path work;

  ReportBrowserTest(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * The first {@code perLabel} documents of each label of an example corpus (plus {@code extra}) as Parquet, and the
   * example's config reading them.
   */
  private JobConfig subset(String example, int perLabel, List<Row> extra, Map<String, String> overrides) {
    JobConfig full = JobConfig.load(Path.of("conf", "examples", example + ".conf"), Map.of());
    Dataset<Row> all = spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
        .csv(full.input().paths().toArray(String[]::new));
    Dataset<Row> rows = all
        .withColumn("_n", row_number().over(Window.partitionBy("label").orderBy(col("id").cast("int"))))
        .filter(col("_n").leq(perLabel)).drop("_n");
    if (!extra.isEmpty()) {
      rows = rows.unionByName(spark.createDataFrame(extra, rows.schema()));
    }
    String input = work.resolve(example + "-subset").toString();
    rows.coalesce(1).write().parquet(input);
    Map<String, String> settings = new HashMap<>(overrides);
    settings.put("input.path", input);
    settings.put("input.format", "parquet");
    settings.put("output.path", work.resolve("lake").toString());
    settings.put("cluster.restarts", "1");
    // Kept small so the class stays in the default suite: nothing here needs the saved model or the silhouette.
    settings.put("output.save-model", "false");
    settings.put("evaluate.silhouette", "false");
    return JobConfig.load(Path.of("conf", "examples", example + ".conf"), settings);
  }

  private String run(JobConfig config, String runId) {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    TextClusteringJob.run(spark, config, runId, new PrintStream(console, true, StandardCharsets.UTF_8));
    System.out.println(console.toString(StandardCharsets.UTF_8));
    String report = new RunReport(spark, config.output(), config.report()).pathOf(runId);
    assertTrue(Files.isRegularFile(Path.of(report)), "no report at " + report + "\n" + console);
    return report;
  }

  private long sampledInTable(JobConfig config, String runId) {
    return spark.read().format("delta").load(config.output().tablePath("assignments"))
        .filter(col("run_id").equalTo(runId)).filter(col(DocumentMap.TSNE_X).isNotNull()).count();
  }

  @Test
  void bbcNewsReportRendersHoversAndNeverRunsInjectedMarkup() throws Exception {
    List<Row> hostile = List.of(
        RowFactory.create("90001", "business", SCRIPT_DOC, SCRIPT_DOC + " shares bank market", "x.txt"),
        RowFactory.create("90002", "business", IMG_DOC, IMG_DOC + " growth economy market", "y.txt"));
    JobConfig config = subset("bbc_news", 60, hostile, Map.of());
    String report = run(config, "bbc-report");
    String html = Files.readString(Path.of(report));
    assertTrue(!html.contains("<script>window.__injected") && !html.contains("<img src=x"),
        "document markup reached the HTML unescaped");
    assertTrue(!java.util.regex.Pattern.compile("<script[^>]*\\ssrc=").matcher(html).find(),
        "the page loads a script from elsewhere");

    try (HeadlessChromium browser = HeadlessChromium.start(1400, 1800)) {
      browser.open(Path.of(report).toUri().toString());
      int onMap = mapPoints(browser);
      assertEquals(302, onMap, "every document is in a map sample of 2,000");
      assertEquals(sampledInTable(config, "bbc-report"), onMap);

      hoverMostIsolatedPoint(browser);
      // The hostile documents, shown through the same hover handler as a user's mouse triggers.
      for (String docId : List.of("90001", "90002")) {
        JsonNode shown = browser.evaluate(
            "(() => { const r = window.textclusterReport; const i = r.points.findIndex(p => p.doc_id === '" + docId
                + "'); r.map.trigger('mouseover', {value: [0, 0, i]});"
                + " const t = document.getElementById('hover-text'); return {text: t.textContent,"
                + " children: t.children.length}; })()");
        assertTrue(shown.path("text").asText().startsWith("Injected <"), shown.toString());
        assertEquals(0, shown.path("children").asInt(), "markup became elements: " + shown);
      }
      JsonNode page = browser.evaluate(
          "({injected: window.__injected === undefined ? null : String(window.__injected),"
              + " images: document.querySelectorAll('img').length, scripts: document.scripts.length,"
              + " bold: document.querySelectorAll('main b').length, cards: document.querySelectorAll('.card').length,"
              + " heatmap: !document.getElementById('contingency-section').hidden})");
      assertTrue(page.path("injected").isNull(), "an injected handler ran: " + page);
      assertEquals(0, page.path("images").asInt(), page.toString());
      assertEquals(3, page.path("scripts").asInt(), "only the page's own three script blocks: " + page);
      assertEquals(0, page.path("bold").asInt(), page.toString());
      assertEquals(5, page.path("cards").asInt(), page.toString());
      assertTrue(page.path("heatmap").asBoolean(), "labels exist, so the contingency heatmap shows");
      browser.evaluate("window.scrollTo(0, 0)");
      browser.screenshot(SCREENSHOTS.resolve("bbc_news.png"));
      assertScreenshot(SCREENSHOTS.resolve("bbc_news.png"));
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  @Test
  void livedoorReportShowsJapaneseTextOnABoundedMap() throws Exception {
    JobConfig config = subset("livedoor", 20, List.of(), Map.of("report.map-points", "120"));
    String report = run(config, "livedoor-report");
    long withPca = spark.read().format("delta").load(config.output().tablePath("assignments"))
        .filter(col("run_id").equalTo("livedoor-report")).filter(col(DocumentMap.MAP_X).isNotNull()).count();
    assertEquals(180, withPca, "map_x, map_y for every document");

    try (HeadlessChromium browser = HeadlessChromium.start(1400, 1800)) {
      browser.open(Path.of(report).toUri().toString());
      int onMap = mapPoints(browser);
      assertEquals(120, onMap, "the map holds the sample only");
      assertEquals(sampledInTable(config, "livedoor-report"), onMap);
      String text = hoverMostIsolatedPoint(browser);
      assertTrue(text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
          || Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA), "Japanese hover text: " + text);
      JsonNode cards = browser.evaluate("Array.from(document.querySelectorAll('.card h3')).map(h => h.textContent)");
      assertEquals(9, cards.size());
      browser.evaluate("window.scrollTo(0, 0)");
      browser.screenshot(SCREENSHOTS.resolve("livedoor.png"));
      assertScreenshot(SCREENSHOTS.resolve("livedoor.png"));
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  private static int mapPoints(HeadlessChromium browser) throws Exception {
    return browser.evaluate(
        "window.textclusterReport.map.getOption().series.reduce((n, s) => n + s.data.length, 0)").asInt();
  }

  /**
   * Moves the real mouse onto the point farthest from its nearest neighbour on screen (so exactly that point is hit)
   * and checks the hover panel shows that document's text. Returns the text shown.
   */
  private static String hoverMostIsolatedPoint(HeadlessChromium browser) throws Exception {
    JsonNode target = browser.evaluate(
        "(() => { document.getElementById('map').scrollIntoView(); const r = window.textclusterReport;"
            + " const box = r.map.getDom().getBoundingClientRect(); const px = [];"
            + " r.map.getOption().series.forEach((s, si) => s.data.forEach(d => {"
            + "   const p = r.map.convertToPixel({seriesIndex: si}, [d[0], d[1]]); px.push([p[0], p[1], d[2]]); }));"
            + " let best = null, bestGap = -1;"
            + " px.forEach(a => { let gap = Infinity; px.forEach(b => { if (a !== b) {"
            + "   gap = Math.min(gap, Math.hypot(a[0] - b[0], a[1] - b[1])); } });"
            + "   if (gap > bestGap) { bestGap = gap; best = a; } });"
            + " return {x: box.left + best[0], y: box.top + best[1], doc: r.points[best[2]].doc_id,"
            + "   text: r.points[best[2]].map_text}; })()");
    browser.moveMouse(target.path("x").asDouble(), target.path("y").asDouble());
    JsonNode shown = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      shown = browser.evaluate("({doc: document.getElementById('hover-title').textContent,"
          + " text: document.getElementById('hover-text').textContent})");
      if (shown.path("doc").asText().equals(target.path("doc").asText())) {
        break;
      }
      Thread.sleep(100);
    }
    assertEquals(target.path("doc").asText(), shown.path("doc").asText(), "hovered " + target);
    assertEquals(target.path("text").asText(), shown.path("text").asText());
    assertTrue(shown.path("text").asText().length() > 20);
    return shown.path("text").asText();
  }

  private static void assertScreenshot(Path png) throws Exception {
    byte[] bytes = Files.readAllBytes(png);
    assertTrue(bytes.length > 30_000, "screenshot " + png + " is only " + bytes.length + " bytes");
    assertEquals((byte) 0x89, bytes[0]);
    assertEquals("PNG", new String(bytes, 1, 3, StandardCharsets.US_ASCII));
  }
}
