package io.textcluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** cluster.seed-topics and cluster.topics (issue 22): read in the order written, bad ones refused naming the key. */
class GuidedTopicsConfigTest {
  private static JobConfig parse(String hocon) {
    return JobConfig.fromConfig(
        ConfigFactory.parseString("input { path = \"x.csv\", text-columns = [text] }\n" + hocon), Path.of("."));
  }

  private static String error(String hocon) {
    String message = assertThrows(InvalidConfigException.class, () -> parse(hocon)).getMessage();
    assertFalse(message.contains("\n"), message);
    return message;
  }

  @Test
  void seedTopicsAreReadInTheOrderWritten() {
    GuidedTopics topics = parse("""
        cluster.k = 5
        cluster.seed-topics {
          World = ["government", "election"]
          Sports = "football"
          "Sci/Tech" = ["software", "  ", "space"]
        }
        """).clusterControl().topics();
    assertEquals(List.of("World", "Sports", "Sci/Tech"), List.copyOf(topics.seeds().keySet()));
    assertEquals(List.of("software", "space"), topics.seeds().get("Sci/Tech"));
    assertEquals(List.of("football"), topics.seeds().get("Sports"));
    assertTrue(topics.seeded());
    assertFalse(topics.zeroShot());
  }

  @Test
  void zeroShotTopicsAndTheirThreshold() {
    GuidedTopics topics = parse("""
        cluster.topics {
          min-similarity = 0.7
          Sports = "football, tennis and the Olympics"
          Business = "companies and markets"
        }
        """).clusterControl().topics();
    assertEquals(Map.of("Sports", "football, tennis and the Olympics", "Business", "companies and markets"),
        topics.topics());
    assertEquals(List.of("Sports", "Business"), List.copyOf(topics.topics().keySet()));
    assertEquals(0.7, topics.minSimilarity());
    // --set works too, one topic at a time.
    var user = JobConfig.applyOverrides(ConfigFactory.parseString("input { path = \"x.csv\", text-columns = [text] }"),
        Map.of("cluster.topics.Sports", "football"));
    assertEquals(Map.of("Sports", "football"), JobConfig.fromConfig(user, Path.of(".")).clusterControl().topics()
        .topics());
  }

  @Test
  void noTopicsByDefault() {
    assertEquals(GuidedTopics.NONE, parse("").clusterControl().topics());
  }

  @Test
  void badTopicsNameTheirKey() {
    assertTrue(error("cluster.seed-topics { World = [] }").contains("'cluster.seed-topics.\"World\"'"));
    assertTrue(error("cluster.seed-topics { World = 3 }").contains("'cluster.seed-topics.\"World\"'"));
    assertTrue(error("cluster.topics { World = \" \" }").contains("'cluster.topics.\"World\"'"));
    assertTrue(error("cluster.topics { World = [a, b] }").contains("'cluster.topics.\"World\"'"));
    String method = error("cluster.algorithm = gmm\ncluster.seed-topics { World = [war] }");
    assertTrue(method.contains("'cluster.algorithm'") && method.contains("cluster.seed-topics"), method);
    String many = error("cluster.k = 2\ncluster.seed-topics { A = [a], B = [b], C = [c] }");
    assertTrue(many.contains("'cluster.seed-topics'") && many.contains("'cluster.k'"), many);
    assertTrue(error("cluster.topics.min-similarity = 1.5").contains("'cluster.topics.min-similarity'"));
    assertTrue(error("cluster.seed-topics { A = [a] }\ncluster.topics { B = b }").contains("'cluster.topics'"));
    assertTrue(error("features { type = columns, columns = [x] }\ncluster.topics { B = b }")
        .contains("'features.type'"));
    assertTrue(error("cluster.topics = [a]").contains("'cluster.topics'"));
    // Other unknown keys under cluster are still typos.
    assertTrue(error("cluster.seed-topic { A = [a] }").contains("Unknown config key"));
  }
}
