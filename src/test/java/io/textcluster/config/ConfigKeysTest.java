package io.textcluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {
  @Test
  void editDistance() {
    assertEquals(0, ConfigKeys.editDistance("cluster.k", "cluster.k"));
    assertEquals(1, ConfigKeys.editDistance("cluster.kk", "cluster.k"));
    assertEquals(3, ConfigKeys.editDistance("kitten", "sitting"));
  }

  @Test
  void nearestIgnoresFarAwayKeys() {
    Set<String> known = Set.of("cluster.k", "text.language");
    assertEquals("text.language", ConfigKeys.nearest("text.langauge", known).orElseThrow());
    assertEquals(java.util.Optional.empty(), ConfigKeys.nearest("completely.unrelated.thing", known));
  }
}
