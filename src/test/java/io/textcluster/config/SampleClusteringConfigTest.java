package io.textcluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** cluster.density, cluster.agglomerative and cluster.sweep: defaults, and errors that name the key before Spark. */
class SampleClusteringConfigTest {
  private static JobConfig load(Map<String, String> overrides) {
    var user = JobConfig.applyOverrides(
        ConfigFactory.parseString("input { path = \"x.csv\", text-columns = [text] }"), overrides);
    return JobConfig.fromConfig(user, Path.of("."));
  }

  private static String error(Map<String, String> overrides) {
    return assertThrows(InvalidConfigException.class, () -> load(overrides)).getMessage();
  }

  @Test
  void defaultsAreReadIntoTheClusterConfig() {
    ClusterConfig cluster = load(Map.of("cluster.algorithm", "hdbscan")).cluster();
    assertTrue(cluster.isDensity());
    assertEquals(new ClusterConfig.Density(5000, 15, 5, 0.3), cluster.density());
    assertEquals(new ClusterConfig.Agglomerative("ward", 2000), cluster.agglomerative());
    assertEquals(new ClusterConfig.Sweep(false, 2, 10, 1, "silhouette"), cluster.sweep());
    ClusterConfig swept =
        load(Map.of("cluster.algorithm", "agglomerative", "cluster.agglomerative.linkage", "single",
            "cluster.sweep.enabled", "true", "cluster.sweep.k-from", "3", "cluster.sweep.k-to", "7",
            "cluster.sweep.rule", "davies-bouldin")).cluster();
    assertEquals("single", swept.agglomerative().linkage());
    assertEquals(new ClusterConfig.Sweep(true, 3, 7, 1, "davies-bouldin"), swept.sweep());
    assertEquals(5, swept.withK(5).k());
  }

  @Test
  void badValuesNameTheKeyAndWhatIsAllowed() {
    String linkage = error(Map.of("cluster.agglomerative.linkage", "centroid"));
    assertTrue(linkage.contains("cluster.agglomerative.linkage") && linkage.contains("ward"), linkage);
    String sweepDensity = error(Map.of("cluster.algorithm", "dbscan", "cluster.sweep.enabled", "true"));
    assertTrue(sweepDensity.contains("cluster.sweep.enabled") && sweepDensity.contains("dbscan"), sweepDensity);
    String range = error(Map.of("cluster.sweep.enabled", "true", "cluster.sweep.k-from", "8", "cluster.sweep.k-to", "4"));
    assertTrue(range.contains("cluster.sweep.k-to"), range);
    String rule = error(Map.of("cluster.sweep.rule", "gap"));
    assertTrue(rule.contains("cluster.sweep.rule") && rule.contains("elbow"), rule);
    String sample = error(Map.of("cluster.agglomerative.sample-size", "50000"));
    assertTrue(sample.contains("cluster.agglomerative.sample-size") && sample.contains("20000"), sample);
    String eps = error(Map.of("cluster.density.eps", "0"));
    assertTrue(eps.contains("cluster.density.eps"), eps);
  }
}
