package io.textcluster.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A kept input column named like one the run writes is refused before Spark starts, naming it and the key. */
class ReservedColumnsTest {
  private static JobConfig parse(String hocon) {
    return JobConfig.fromConfig(
        ConfigFactory.parseString("input { path = x.csv, text-columns = [body] }\n" + hocon), Path.of("."));
  }

  private static String refused(String hocon) {
    return assertThrows(InvalidConfigException.class, () -> parse(hocon)).getMessage();
  }

  @Test
  void aKeptLanguageColumnClashesOnlyWhenAutoWritesOne() {
    String message = refused("input.keep-columns = [language]\ntext.language = auto");
    assertTrue(message.contains("'input.keep-columns'") && message.contains("'language'")
        && message.contains("text.language = auto"), message);
    assertTrue(!message.contains("\n"), "one line");
    assertDoesNotThrow(() -> parse("input.keep-columns = [language]\ntext.language = english"));
    // Per-column languages name each column's language: no detected-language column is written.
    assertDoesNotThrow(() -> parse(
        "input.keep-columns = [language]\ntext.language = auto\ninput.text-columns = [\"body:ar\", \"fa:fa\"]"));
  }

  @Test
  void everyColumnTheRunWritesIsReservedWhateverItsCase() {
    for (String name : new String[] {"doc_id", "Cluster_ID", "distance", "probability", "run_id", "tokens", "map_x"}) {
      String message = refused("input.keep-columns = [" + name + "]");
      assertTrue(message.contains("'" + name + "'") && message.contains("input.keep-columns"), message);
    }
    assertDoesNotThrow(() -> parse("input.keep-columns = [source, language_of_review]"));
  }

  @Test
  void theTimeColumnIsNamedByItsOwnKey() {
    String message = refused("input.time-column = distance");
    assertTrue(message.contains("'input.time-column'") && message.contains("'distance'"), message);
  }
}
