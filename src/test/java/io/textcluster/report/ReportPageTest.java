package io.textcluster.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportPageTest {
  private static final String HOSTILE =
      "a </script><script>alert(1)</script> <!-- x --> <img src=x onerror=alert(2)> & \u2028 end";

  @Test
  void documentTextCannotCloseOrCommentOutTheDataBlock() throws Exception {
    String json = new ObjectMapper().writeValueAsString(java.util.Map.of("text", HOSTILE));
    String safe = ReportPage.scriptSafeJson(json);
    assertFalse(safe.contains("<") || safe.contains(">") || safe.contains("&") || safe.contains("\u2028"), safe);
    // The escapes are JSON: the page's JSON.parse gets the document back character for character.
    assertEquals(HOSTILE, new ObjectMapper().readTree(safe).get("text").asText());
  }

  @Test
  void pageInlinesEchartsAndLoadsNothingFromElsewhere() {
    String page = ReportPage.render("run <b>x</b>", "{\"run\":{\"text\":\"" + "</script>" + "\"}}");
    assertTrue(page.contains("<title>run &lt;b&gt;x&lt;/b&gt;</title>"));
    assertTrue(page.length() > 1_000_000, "ECharts (about 1 MB) is inlined");
    assertTrue(page.contains("echarts"), "ECharts is in the page");
    assertFalse(Pattern.compile("<script[^>]*\\ssrc=").matcher(page).find(), "no external script");
    assertFalse(Pattern.compile("<link[^>]*href=").matcher(page).find(), "no external stylesheet");
    // Only the page's own three blocks close: the data's </script> was neutralised.
    assertEquals(3, page.split("</script>", -1).length - 1);
    assertTrue(page.contains("default-src 'none'"), "a CSP forbids any network load");
  }

  @Test
  void theScriptNeverUsesInnerHtml() {
    String script = ReportPage.render("t", "{}");
    script = script.substring(script.lastIndexOf("<script>"));
    assertFalse(script.contains("innerHTML") || script.contains("outerHTML") || script.contains("insertAdjacentHTML")
        || script.contains("document.write"), "the page script must insert text with textContent only");
    assertTrue(script.contains("window.textclusterReport"), "every part of the page script is inlined");
    assertTrue(script.contains("report-views") || script.contains("Views across clusters"));
  }
}
