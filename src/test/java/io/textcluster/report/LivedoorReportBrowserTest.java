package io.textcluster.report;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.textcluster.config.JobConfig;
import io.textcluster.support.HeadlessChromium;
import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The livedoor report (Japanese) in headless Chromium: a bounded t-SNE map whose tooltips show Japanese text. */
@SparkTest
class LivedoorReportBrowserTest {
  private final SparkSession spark;
  @TempDir Path work;

  LivedoorReportBrowserTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void livedoorReportShowsJapaneseTextOnABoundedTsneMap() throws Exception {
    JobConfig config = ReportBrowser.subset(spark, work, "livedoor", 20, List.of(),
        Map.of("report.map-points", "120", "report.map-layout", "tsne"));
    String report = ReportBrowser.run(spark, config, "livedoor-report");
    long withPca = spark.read().format("delta").load(config.output().tablePath("assignments"))
        .filter(col("run_id").equalTo("livedoor-report")).filter(col(DocumentMap.MAP_X).isNotNull()).count();
    assertEquals(180, withPca, "map_x, map_y for every document");
    long withTsne = ReportBrowser.sampled(spark, config, "livedoor-report")
        .filter(col(DocumentMap.TSNE_X).isNotNull()).filter(col(DocumentMap.UMAP_X).isNull()).count();
    assertEquals(120, withTsne, "t-SNE coordinates for the sample only, and no UMAP");

    try (HeadlessChromium browser = HeadlessChromium.start(1400, 1800)) {
      browser.open(Path.of(report).toUri().toString());
      assertEquals(120, ReportBrowser.pointsOnMap(browser), "the map holds the sample only");
      assertEquals("layout-tsne", browser.evaluate("document.querySelector('#layouts .active').id").asText());
      String text = ReportBrowser.hover(browser, ReportBrowser.mostIsolatedPoint(browser)).path("text").asText();
      assertTrue(text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
          || Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA), "Japanese hover text: " + text);
      JsonNode cards = browser.evaluate("Array.from(document.querySelectorAll('.card h3')).map(h => h.textContent)");
      assertEquals(9, cards.size());
      browser.evaluate("window.scrollTo(0, 0)");
      Path png = Path.of("target", "report-screenshots", "livedoor.png");
      browser.screenshot(png);
      ReportBrowser.assertScreenshot(png);
      assertEquals(List.of(), browser.consoleErrors());
    }
  }
}
