package io.textcluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 22's keys: defaults, values read, and one-line errors naming the key. */
class AnalystControlConfigTest {
  private static JobConfig load(Map<String, String> overrides) {
    var user = JobConfig.applyOverrides(
        ConfigFactory.parseString("input { path = \"x.csv\", text-columns = [text] }"), overrides);
    return JobConfig.fromConfig(user, Path.of("."));
  }

  private static String error(Map<String, String> overrides) {
    return assertThrows(InvalidConfigException.class, () -> load(overrides)).getMessage();
  }

  @Test
  void defaultsMatchTheCodesDefaults() {
    JobConfig config = load(Map.of());
    assertEquals(ClusterControl.DEFAULTS, config.clusterControl());
    assertEquals(KeywordConfig.DEFAULTS, config.keywords());
  }

  @Test
  void valuesAreRead() {
    JobConfig config = load(Map.of(
        "cluster.algorithm", "hdbscan",
        "cluster.reduction.method", "random-projection",
        "cluster.reduction.dimensions", "32",
        "cluster.density.noise", "within",
        "cluster.density.noise-distance", "0.25",
        "cluster.reduce-to", "4",
        "describe.exclude-terms", "[Said, year]",
        "describe.keyword-diversity", "0.3"));
    assertEquals(new ClusterControl("random-projection", 32, "within", 0.25, 0.9, 4), config.clusterControl());
    assertEquals(new KeywordConfig(List.of("said", "year"), 0.5, 0.3), config.keywords());
  }

  @Test
  void badValuesNameTheirKey() {
    assertTrue(error(Map.of("cluster.k", "5", "cluster.reduce-to", "5")).contains("'cluster.reduce-to'"));
    assertTrue(error(Map.of("cluster.reduce-to", "1")).contains("'cluster.reduce-to'"));
    assertTrue(error(Map.of("cluster.algorithm", "hdbscan", "cluster.density.noise", "drop"))
        .contains("'cluster.density.noise'"));
    assertTrue(error(Map.of("cluster.algorithm", "hdbscan", "cluster.density.noise-quantile", "1.5"))
        .contains("'cluster.density.noise-quantile'"));
    assertTrue(error(Map.of("describe.keyword-diversity", "2")).contains("'describe.keyword-diversity'"));
    // Settings of methods that do not read them.
    String noise = error(Map.of("cluster.algorithm", "kmeans", "cluster.density.noise", "nearest"));
    assertTrue(noise.contains("'cluster.density.noise'") && noise.contains("hdbscan"), noise);
    String reduction = error(Map.of("cluster.algorithm", "kmeans", "cluster.reduction.method", "lsa"));
    assertTrue(reduction.contains("'cluster.reduction.method'") && reduction.contains("agglomerative"), reduction);
  }
}
