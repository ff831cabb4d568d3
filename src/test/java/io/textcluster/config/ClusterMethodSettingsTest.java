package io.textcluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A setting of another clustering method than cluster.algorithm is a config error naming the key. */
class ClusterMethodSettingsTest {
  private static JobConfig load(Map<String, String> overrides) {
    var user = JobConfig.applyOverrides(
        ConfigFactory.parseString("input { path = \"x.csv\", text-columns = [text] }"), overrides);
    return JobConfig.fromConfig(user, Path.of("."));
  }

  private static String error(Map<String, String> overrides) {
    return assertThrows(InvalidConfigException.class, () -> load(overrides)).getMessage();
  }

  @Test
  void anotherMethodsSettingNamesTheKeyAndTheMethodsThatReadIt() {
    String gmm = error(Map.of("cluster.algorithm", "kmeans", "cluster.gmm.dimensions", "30"));
    assertTrue(gmm.contains("'cluster.gmm.dimensions'") && gmm.contains("gmm") && gmm.contains("kmeans"), gmm);
    String eps = error(Map.of("cluster.algorithm", "hdbscan", "cluster.density.eps", "0.5"));
    assertTrue(eps.contains("'cluster.density.eps'") && eps.contains("dbscan"), eps);
    String linkage = error(Map.of("cluster.algorithm", "lbg", "cluster.agglomerative.linkage", "single"));
    assertTrue(linkage.contains("'cluster.agglomerative.linkage'"), linkage);
    String lbg = error(Map.of("cluster.algorithm", "gmm", "cluster.lbg.epsilon", "0.05"));
    assertTrue(lbg.contains("'cluster.lbg.epsilon'"), lbg);
    String solver = error(Map.of("cluster.algorithm", "bisecting-kmeans", "cluster.kmeans-solver", "dense"));
    assertTrue(solver.contains("'cluster.kmeans-solver'") && solver.contains("kmeans or lbg"), solver);
    String init = error(Map.of("cluster.algorithm", "agglomerative", "cluster.init", "random"));
    assertTrue(init.contains("'cluster.init'"), init);
  }

  @Test
  void theChosenMethodsSettingsAndUnchangedDefaultsPass() {
    assertEquals(30, load(Map.of("cluster.algorithm", "gmm", "cluster.gmm.dimensions", "30")).cluster()
        .gmmDimensions());
    assertEquals(0.5, load(Map.of("cluster.algorithm", "dbscan", "cluster.density.eps", "0.5")).cluster()
        .density().eps());
    assertEquals("dense", load(Map.of("cluster.algorithm", "lbg", "cluster.kmeans-solver", "dense")).cluster()
        .kmeansSolver());
    // A run's recorded config holds every key; other methods' keys at their defaults are not an error.
    assertEquals("kmeans", load(Map.of("cluster.algorithm", "kmeans", "cluster.lbg.epsilon", "0.01")).cluster()
        .algorithm());
    JobConfig recorded = JobConfig.fromRunRecord(load(Map.of("cluster.algorithm", "hdbscan")).redactedJson(), Map.of());
    assertEquals("hdbscan", recorded.cluster().algorithm());
  }
}
