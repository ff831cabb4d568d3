package io.textcluster.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Assembles the self-contained page: the template, the ECharts library read from its webjar on the classpath and
 * inlined (so the page works offline and loads nothing from a CDN), the page script, and the run's data as JSON in a
 * {@code <script type="application/json">} block that the script reads and inserts with textContent only.
 */
public final class ReportPage {
  static final String ECHARTS_RESOURCE = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
  private static final String TEMPLATE_RESOURCE = "io/textcluster/report/report.html";
  /** The page's scripts, in order: shared helpers first, then each part of the page. */
  private static final java.util.List<String> SCRIPT_RESOURCES = java.util.List.of(
      "io/textcluster/report/report-common.js", "io/textcluster/report/report-map.js",
      "io/textcluster/report/report-metrics.js", "io/textcluster/report/report-cards.js",
      "io/textcluster/report/report-views.js", "io/textcluster/report/report-history.js");
  private static final String STYLE_RESOURCE = "io/textcluster/report/report.css";

  private ReportPage() {}

  /** The page for {@code dataJson} (any JSON); {@code title} is placed in the page title after escaping. */
  public static String render(String title, String dataJson) {
    String template = resource(TEMPLATE_RESOURCE);
    return fill(
        template,
        "{{TITLE}}", escapeHtml(title),
        "{{STYLE}}", resource(STYLE_RESOURCE),
        "{{ECHARTS}}", resource(ECHARTS_RESOURCE),
        "{{SCRIPT}}", String.join("\n", SCRIPT_RESOURCES.stream().map(ReportPage::resource).toList()),
        "{{DATA}}", scriptSafeJson(dataJson));
  }

  /**
   * JSON that cannot end or comment out its script block: every {@code <}, {@code >} and {@code &} becomes a \\u
   * escape, which JSON.parse reads back as the same character. That neutralises {@code </script>} and {@code <!--}
   * wherever they occur in document text. U+2028/2029 are escaped too, for older JavaScript parsers.
   */
  public static String scriptSafeJson(String json) {
    StringBuilder out = new StringBuilder(json.length() + 64);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String escapeHtml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /** Replaces each marker once, scanning the template only, so a marker inside inserted content stays as it is. */
  private static String fill(String template, String... markersAndValues) {
    StringBuilder out = new StringBuilder(template.length() + 2_000_000);
    int from = 0;
    while (true) {
      int best = -1;
      int which = -1;
      for (int m = 0; m < markersAndValues.length; m += 2) {
        int at = template.indexOf(markersAndValues[m], from);
        if (at >= 0 && (best < 0 || at < best)) {
          best = at;
          which = m;
        }
      }
      if (best < 0) {
        return out.append(template, from, template.length()).toString();
      }
      out.append(template, from, best).append(markersAndValues[which + 1]);
      from = best + markersAndValues[which].length();
    }
  }

  static String resource(String name) {
    try (InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            name + " is missing from the classpath: rebuild the jar (ECharts comes from org.webjars.npm:echarts).");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + name, e);
    }
  }
}
