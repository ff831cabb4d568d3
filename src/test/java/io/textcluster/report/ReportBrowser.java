package io.textcluster.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.textcluster.config.JobConfig;
import io.textcluster.job.TextClusteringJob;
import io.textcluster.support.HeadlessChromium;
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
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/** What the report's browser tests share: a small run of an example corpus, and the user's moves on its page. */
final class ReportBrowser {
  private ReportBrowser() {}

  /**
   * The first {@code perLabel} documents of each label of an example corpus (plus {@code extra}) as Parquet under
   * {@code work}, and the example's config reading them, kept small so the classes stay in the default suite.
   */
  static JobConfig subset(SparkSession spark, Path work, String example, int perLabel, List<Row> extra,
      Map<String, String> overrides) {
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
    settings.put("output.save-model", "false");
    settings.put("evaluate.silhouette", "false");
    return JobConfig.load(Path.of("conf", "examples", example + ".conf"), settings);
  }

  /** Runs the job and returns the path of its report. */
  static String run(SparkSession spark, JobConfig config, String runId) {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    TextClusteringJob.run(spark, config, runId, new PrintStream(console, true, StandardCharsets.UTF_8));
    System.out.println(console.toString(StandardCharsets.UTF_8));
    String report = new RunReport(spark, config.output(), config.report()).pathOf(runId);
    assertTrue(Files.isRegularFile(Path.of(report)), "no report at " + report + "\n" + console);
    return report;
  }

  /** The run's assignments rows that are in the map sample. */
  static Dataset<Row> sampled(SparkSession spark, JobConfig config, String runId) {
    return spark.read().format("delta").load(config.output().tablePath("assignments"))
        .filter(col("run_id").equalTo(runId)).filter(col(DocumentMap.MAP_TEXT).isNotNull());
  }

  static int pointsOnMap(HeadlessChromium browser) throws Exception {
    return browser.evaluate("window.textclusterReport.map.getOption().series"
        + ".filter(s => s.name !== 'search matches' && s.name !== 'cluster names')"
        + ".reduce((n, s) => n + s.data.length, 0)").asInt();
  }

  /** Where point {@code index} of the sample is on screen (viewport pixels). */
  static JsonNode screenPoint(HeadlessChromium browser, int index) throws Exception {
    return browser.evaluate("(() => { const r = window.textclusterReport; const box = r.map.getDom()"
        + ".getBoundingClientRect(); const p = r.pixelOf(" + index + "); return {x: box.left + p[0], y: box.top + p[1]};"
        + " })()");
  }

  /** The sample index of the point farthest from its nearest neighbour on screen, so a pointer there hits it alone. */
  static int mostIsolatedPoint(HeadlessChromium browser) throws Exception {
    return browser.evaluate("(() => { const r = window.textclusterReport; const n = r.points.n; const px = [];"
        + " for (let i = 0; i < n; i++) { px.push(r.pixelOf(i)); }"
        + " let best = -1, bestGap = -1; const box = r.map.getDom().getBoundingClientRect();"
        + " for (let i = 0; i < n; i++) { const a = px[i];"
        + "   if (a[0] < 20 || a[1] < 20 || a[0] > box.width - 20 || a[1] > box.height - 20) { continue; }"
        + "   let gap = Infinity; for (let j = 0; j < n; j++) { if (j !== i) {"
        + "     gap = Math.min(gap, Math.hypot(a[0] - px[j][0], a[1] - px[j][1])); } }"
        + "   if (gap > bestGap) { bestGap = gap; best = i; } }"
        + " return best; })()").asInt();
  }

  /** Moves the real mouse onto point {@code index} and returns the tooltip once it shows that point's document. */
  static JsonNode hover(HeadlessChromium browser, int index) throws Exception {
    JsonNode at = screenPoint(browser, index);
    browser.moveMouse(at.path("x").asDouble(), at.path("y").asDouble());
    String id = browser.evaluate("window.textclusterReport.points.doc_id[" + index + "]").asText();
    JsonNode shown = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      shown = browser.evaluate("(() => { const t = document.getElementById('tooltip'); return {hidden: t.hidden,"
          + " doc: document.getElementById('tooltip-title').textContent,"
          + " text: document.getElementById('tooltip-text').textContent,"
          + " elements: document.getElementById('tooltip-text').children.length}; })()");
      if (!shown.path("hidden").asBoolean() && shown.path("doc").asText().equals(id)) {
        break;
      }
      Thread.sleep(100);
    }
    assertEquals(id, shown.path("doc").asText(), "the tooltip shows the hovered document " + at);
    assertTrue(!shown.path("hidden").asBoolean());
    return shown;
  }

  static void assertScreenshot(Path png) throws Exception {
    byte[] bytes = Files.readAllBytes(png);
    assertTrue(bytes.length > 30_000, "screenshot " + png + " is only " + bytes.length + " bytes");
    assertEquals((byte) 0x89, bytes[0]);
    assertEquals("PNG", new String(bytes, 1, 3, StandardCharsets.US_ASCII));
  }
}
