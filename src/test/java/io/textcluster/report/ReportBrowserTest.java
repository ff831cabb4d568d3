package io.textcluster.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.textcluster.config.JobConfig;
import io.textcluster.support.HeadlessChromium;
import io.textcluster.support.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BBC News report in headless Chromium, driven as a user drives it: one run on 60 documents per label (plus two
 * hostile documents), one page load shared by every interaction (hover, search, wheel zoom, cluster focus), then
 * checks that nothing injected ran and the console stayed clean. The screenshot goes to docs/images/report-bbc.png.
 */
@SparkTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportBrowserTest {
  private static final String SCRIPT_DOC =
      "Injected <script>window.__injected = 'script';</script> market shares and the bank <!-- comment -->";
  private static final String IMG_DOC =
      "Injected <img src=x onerror=\"window.__injected = 'img'\"> market growth </script><b>bold</b> economy";
  private static final String RUN = "bbc-report";
  static final Path SCREENSHOT = Path.of("docs", "images", "report-bbc.png");

  private final SparkSession spark;
  @TempDir static Path work;
  private JobConfig config;
  private String html;
  private HeadlessChromium browser;

  ReportBrowserTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void runAndOpen() throws Exception {
    List<Row> hostile = List.of(
        RowFactory.create("90001", "business", SCRIPT_DOC, SCRIPT_DOC + " shares bank market", "x.txt"),
        RowFactory.create("90002", "business", IMG_DOC, IMG_DOC + " growth economy market", "y.txt"));
    config = ReportBrowser.subset(spark, work, "bbc_news", 60, hostile, Map.of());
    String report = ReportBrowser.run(spark, config, RUN);
    html = Files.readString(Path.of(report));
    browser = HeadlessChromium.start(1400, 1800);
    browser.open(Path.of(report).toUri().toString());
  }

  @AfterAll
  void close() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  private int indexOf(String docId) throws Exception {
    return browser.evaluate("window.textclusterReport.points.doc_id.indexOf('" + docId + "')").asInt();
  }

  @Test
  @Order(1)
  void everySampledDocumentIsOnTheUmapMapAndNoMarkupReachedTheHtml() throws Exception {
    assertTrue(!html.contains("<script>window.__injected") && !html.contains("<img src=x"),
        "document markup reached the HTML unescaped");
    assertTrue(!Pattern.compile("<script[^>]*\\ssrc=").matcher(html).find(), "the page loads a script from elsewhere");
    long sampled = ReportBrowser.sampled(spark, config, RUN).filter(col(DocumentMap.UMAP_X).isNotNull()).count();
    assertEquals(302, sampled, "every document is in a map sample of 2,000, with UMAP coordinates (the default)");
    assertEquals(sampled, ReportBrowser.pointsOnMap(browser));
    assertEquals("layout-umap", browser.evaluate("document.querySelector('#layouts .active').id").asText());
  }

  @Test
  @Order(2)
  void hoveringAPointShowsItsText() throws Exception {
    int index = ReportBrowser.mostIsolatedPoint(browser);
    JsonNode shown = ReportBrowser.hover(browser, index);
    String text = browser.evaluate("window.textclusterReport.points.text[" + index + "]").asText();
    assertTrue(text.length() > 20);
    assertTrue(text.startsWith(shown.path("text").asText().replace("…", "")), shown + " vs " + text);
    assertTrue(shown.path("text").asText().length() >= Math.min(200, text.length()), "the document's start shows");
    browser.screenshot(SCREENSHOT);
    ReportBrowser.assertScreenshot(SCREENSHOT);
    Files.createDirectories(Path.of("target", "report-screenshots"));
    Files.copy(SCREENSHOT, Path.of("target", "report-screenshots", "bbc_news.png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  @Order(3)
  void documentsHoldingMarkupShowAsText() throws Exception {
    for (String docId : List.of("90001", "90002")) {
      JsonNode shown = ReportBrowser.hover(browser, indexOf(docId));
      assertTrue(shown.path("text").asText().startsWith("Injected <"), shown.toString());
      assertEquals(0, shown.path("elements").asInt(), "markup became elements: " + shown);
    }
    assertTrue(browser.evaluate("(document.getElementById('tooltip-text').textContent)").asText()
        .contains("<"), "the last hovered document's markup is shown as characters");
  }

  @Test
  @Order(4)
  void typingATermHighlightsTheDocumentsContainingIt() throws Exception {
    long containing = ReportBrowser.sampled(spark, config, RUN).filter(lower(col(DocumentMap.MAP_TEXT)).contains("bank"))
        .count();
    assertTrue(containing > 0 && containing < 302, "bank is in some documents only: " + containing);
    JsonNode box = browser.evaluate("(() => { const b = document.getElementById('search').getBoundingClientRect();"
        + " return {x: b.left + b.width / 2, y: b.top + b.height / 2}; })()");
    browser.click(box.path("x").asDouble(), box.path("y").asDouble());
    browser.type("Bank");
    // The page searches once per animation frame for the latest text typed: wait for that frame.
    browser.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))");
    JsonNode found = browser.evaluate("(() => { const r = window.textclusterReport; const s = r.map.getOption().series"
        + ".find(x => x.name === 'search matches'); return {count: s.data.length, all: s.data.every(d =>"
        + " r.points.text[d[2]].toLowerCase().includes('bank')), note: document.getElementById('search-count')"
        + ".textContent, active: document.activeElement.id}; })()");
    assertEquals("search", found.path("active").asText());
    assertEquals(containing, found.path("count").asLong(), found.toString());
    assertTrue(found.path("all").asBoolean(), "only documents containing the term are highlighted");
    assertTrue(found.path("note").asText().startsWith(containing + " of 302"), found.toString());
    browser.evaluate("(() => { const s = document.getElementById('search'); s.value = '';"
        + " s.dispatchEvent(new Event('input')); return new Promise(r => requestAnimationFrame(() =>"
        + " requestAnimationFrame(() => r(true)))); })()");
    assertEquals(0, browser.evaluate("window.textclusterReport.state.matches.length").asInt());
  }

  @Test
  @Order(5)
  void theWheelZoomsInAndShowAllZoomsBackOut() throws Exception {
    JsonNode before = browser.evaluate("window.textclusterReport.visibleRange()");
    JsonNode centre = browser.evaluate("(() => { const b = document.getElementById('map').getBoundingClientRect();"
        + " return {x: b.left + b.width / 2, y: b.top + b.height / 2}; })()");
    browser.wheel(centre.path("x").asDouble(), centre.path("y").asDouble(), -600);
    // Chromium may deliver one large wheel delta as several wheel events, each a zoom step: wait until the range has
    // changed and then held still for three reads, not just until its first change.
    JsonNode after = before;
    int still = 0;
    for (int attempt = 0; attempt < 80 && (after.equals(before) || still < 3); attempt++) {
      Thread.sleep(100);
      JsonNode now = browser.evaluate("window.textclusterReport.visibleRange()");
      still = now.equals(after) ? still + 1 : 0;
      after = now;
    }
    double widthBefore = width(before.get(0));
    double widthAfter = width(after.get(0));
    // One ECharts wheel step zooms by 1.1 (the width to 0.909 of what it was); a loaded machine may get the turn as a
    // single step, a quiet one as several, so the floor is what one step does.
    assertTrue(widthAfter < 0.95 * widthBefore, "zoomed in: " + before + " -> " + after);
    assertTrue(after.get(0).get(0).asDouble() >= before.get(0).get(0).asDouble()
        && after.get(0).get(1).asDouble() <= before.get(0).get(1).asDouble(), "the new range is inside the old one");
    browser.evaluate("document.getElementById('reset-view').click()");
    assertEquals(widthBefore, width(browser.evaluate("window.textclusterReport.visibleRange()").get(0)),
        1e-6 * widthBefore, "Show all restores the whole map");
  }

  private static double width(JsonNode range) {
    return range.get(1).asDouble() - range.get(0).asDouble();
  }

  @Test
  @Order(6)
  void clusterNamesAreOnTheMapAndClickingOneInTheListFocusesIt() throws Exception {
    JsonNode names = browser.evaluate("(() => { const r = window.textclusterReport; const s = r.map.getOption().series"
        + ".find(x => x.name === 'cluster names'); return {shown: s.label.show, names: s.data.map(d => d.name),"
        + " expected: r.data.clusters.map(c => c.cluster_id + ' ' + c.name)}; })()");
    assertTrue(names.path("shown").asBoolean());
    assertEquals(names.path("expected"), names.path("names"), "every cluster's name is drawn on the map");
    assertEquals(5, names.path("names").size());
    JsonNode button = browser.evaluate("(() => { const b = document.querySelector('#legend button[data-cluster=\"2\"]')"
        + ".getBoundingClientRect(); return {x: b.left + 20, y: b.top + b.height / 2}; })()");
    browser.click(button.path("x").asDouble(), button.path("y").asDouble());
    JsonNode focused = browser.evaluate("(() => { const r = window.textclusterReport; const v = r.visibleRange();"
        + " const L = r.points.layouts[r.state.layout]; let inside = 0, members = 0;"
        + " for (let i = 0; i < r.points.n; i++) { if (r.points.cluster_id[i] !== 2) { continue; } members++;"
        + "   if (L.x[i] >= v[0][0] && L.x[i] <= v[0][1] && L.y[i] >= v[1][0] && L.y[i] <= v[1][1]) { inside++; } }"
        + " const names = r.map.getOption().series.find(x => x.name === 'cluster names').data.map(d => d.clusterId);"
        + " return {focus: r.state.focus, inside: inside, members: members, names: names,"
        + " active: document.querySelector('#legend button.active').dataset.cluster}; })()");
    assertEquals(2, focused.path("focus").asInt(), focused.toString());
    assertEquals("2", focused.path("active").asText());
    assertEquals(focused.path("members").asInt(), focused.path("inside").asInt(), "the view holds the whole cluster");
    assertEquals("[2]", focused.path("names").toString(), "only the focused cluster's name");
    browser.click(button.path("x").asDouble(), button.path("y").asDouble());
    assertTrue(browser.evaluate("window.textclusterReport.state.focus").isNull(), "a second click returns");
  }

  @Test
  @Order(7)
  void cardsMetricsAndViewsHoldWhatInformsAndNothingInjectedRan() throws Exception {
    JsonNode page = browser.evaluate(
        "({injected: window.__injected === undefined ? null : String(window.__injected),"
            + " images: document.querySelectorAll('img').length, scripts: document.scripts.length,"
            + " bold: document.querySelectorAll('main b').length, cards: document.querySelectorAll('.card').length,"
            + " keywordBars: document.querySelectorAll('.card .keywords .bar-fill').length,"
            + " emptyHeadings: Array.from(document.querySelectorAll('.card h4')).filter(h => !h.nextElementSibling"
            + "   || h.nextElementSibling.tagName === 'H4' || !h.nextElementSibling.textContent.trim()).length,"
            + " repeated: Array.from(document.querySelectorAll('.card')).filter(c => { const t = Array.from("
            + "   c.querySelectorAll('li')).map(l => l.textContent); return new Set(t).size !== t.length; }).length,"
            + " heap: (document.querySelector('tr[data-metric=driver_peak_heap_mb]') || {dataset: {}}).dataset.group,"
            + " vmeasure: (document.querySelector('tr[data-metric=v_measure]') || {dataset: {}}).dataset.group,"
            + " similarity: !document.getElementById('similarity-section').hidden,"
            + " heatmap: !document.getElementById('contingency-section').hidden})");
    assertTrue(page.path("injected").isNull(), "an injected handler ran: " + page);
    assertEquals(0, page.path("images").asInt(), page.toString());
    assertEquals(3, page.path("scripts").asInt(), "only the page's own three script blocks: " + page);
    assertEquals(0, page.path("bold").asInt(), page.toString());
    assertEquals(5, page.path("cards").asInt(), page.toString());
    assertTrue(page.path("keywordBars").asInt() >= 5, page.toString());
    assertEquals(0, page.path("emptyHeadings").asInt(), page.toString());
    assertEquals(0, page.path("repeated").asInt(), "a card lists a document twice: " + page);
    assertEquals("resources", page.path("heap").asText(), page.toString());
    assertEquals("labels", page.path("vmeasure").asText(), page.toString());
    assertTrue(page.path("similarity").asBoolean() && page.path("heatmap").asBoolean(), page.toString());
    assertTrue(!html.contains("\"centre\""), "cluster centres stay out of the page");
    assertEquals(List.of(), browser.consoleErrors());
  }
}
