package io.textcluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportConfigTest {
  private static final Path BBC = Path.of("conf", "examples", "bbc_news.conf");

  @Test
  void umapIsTheDefaultLayoutAndEachLayoutIsAccepted() {
    assertEquals(ReportConfig.UMAP, ReportConfig.defaults().mapLayout());
    for (String layout : ReportConfig.LAYOUTS) {
      assertEquals(layout, JobConfig.load(BBC, Map.of("report.map-layout", layout.toUpperCase())).report().mapLayout());
    }
  }

  @Test
  void anUnknownLayoutNamesTheKeyAndTheChoices() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> JobConfig.load(BBC, Map.of("report.map-layout", "mds")));
    assertTrue(e.getMessage().contains("report.map-layout") && e.getMessage().contains("umap, tsne, pca"),
        e.getMessage());
  }
}
