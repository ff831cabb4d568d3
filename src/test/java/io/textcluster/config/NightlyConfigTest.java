package io.textcluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NightlyConfigTest {
  private static JobConfig parse(String extra) {
    return JobConfig.fromConfig(
        ConfigFactory.parseString("input { path = x.csv, text-columns = [t], keep-columns = [a] }\n" + extra), null);
  }

  @Test
  void defaultsAndTheTimeColumnKeptInAssignments() {
    NightlyConfig defaults = parse("").nightly();
    assertEquals(new NightlyConfig(0.2, Optional.empty(), "month", 3, 0.99), defaults);
    JobConfig timed = parse("input.time-column = Time\ntrends.period = week");
    assertEquals(Optional.of("Time"), timed.nightly().timeColumn());
    assertEquals("week", timed.nightly().period());
    assertEquals(List.of("a", "Time"), timed.input().keepColumns());
    assertEquals(List.of("a"), parse("input.time-column = a").input().keepColumns(), "not kept twice");
  }

  @Test
  void everyCentreBasedMethodCanWarmStart() {
    for (String method : List.of("kmeans", "bisecting-kmeans", "lbg", "gmm")) {
      JobConfig warm = parse("cluster { init = previous-run, match-run = r1, algorithm = " + method + " }");
      assertEquals("previous-run", warm.cluster().init(), method);
    }
  }

  @Test
  void badValuesNameTheirKey() {
    for (String[] bad : new String[][] {
        {"cluster.novelty-quantile = 1.0", "cluster.novelty-quantile"},
        {"lineage.min-share = 0.7", "lineage.min-share"},
        {"trends.period = year", "trends.period"},
        {"trends.emerging = -1", "trends.emerging"},
        {"cluster.init = previous-run", "cluster.match-run"},
        {"cluster { init = previous-run, match-run = r1, algorithm = hdbscan }", "'cluster.init'"},
        {"cluster { init = previous-run, match-run = r1, algorithm = dbscan }", "'cluster.init'"},
        {"cluster { init = previous-run, match-run = r1, algorithm = agglomerative }", "'cluster.init'"},
        {"cluster { init = previous-run, match-run = r1, sweep.enabled = true }", "cluster.sweep.enabled"}}) {
      InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse(bad[0]));
      assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
    }
  }
}
