package io.textcluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** output.database: empty, a database, or Unity Catalog's catalog.schema; anything else names the key. */
class OutputDatabaseConfigTest {
  private static Optional<String> database(String value) {
    return JobConfig.parse("input { path = corpus.csv, text-columns = [body] }", "test.conf", null, Map.of("output.database", value))
        .output().database();
  }

  @Test
  void emptyDatabaseOrCatalogSchema() {
    assertEquals(Optional.empty(), database(""));
    assertEquals(Optional.of("textcluster"), database("textcluster"));
    assertEquals(Optional.of("main.text_cluster2"), database("main.text_cluster2"));
  }

  @Test
  void otherNamesAreRejectedNamingTheKey() {
    for (String bad : new String[] {"a.b.c", "bad-name", "1db", "db; DROP TABLE x"}) {
      String message = assertThrows(InvalidConfigException.class, () -> database(bad)).getMessage();
      assertTrue(message.contains("output.database") && message.contains("catalog.schema"), message);
    }
  }
}
