package io.textcluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The describe.* and evaluate.* keys: defaults, and errors that name the key, the value and what is allowed. */
class DescribeEvaluateConfigTest {
  private static final String MINIMAL = "input { path = \"data/*.csv\", text-columns = [title, body] }\n";

  @TempDir Path dir;

  private JobConfig load(Map<String, String> overrides) throws IOException {
    Path file = dir.resolve("job.conf");
    Files.writeString(file, MINIMAL);
    return JobConfig.load(file, overrides);
  }

  @Test
  void defaultsAreOfflineAndSampled() throws IOException {
    JobConfig config = load(Map.of());
    assertEquals(NamingConfig.KEYWORDS, config.describe().naming().method());
    assertFalse(config.describe().naming().usesLlm());
    assertEquals("OPENAI_API_KEY", config.describe().naming().apiKeyEnv());
    assertFalse(config.describe().bigrams());
    assertEquals(5, config.describe().samples());
    assertEquals(10, config.describe().vocabularyLabels());
    assertEquals(2000, config.evaluate().sampleSize());
  }

  @Test
  void llmNamingNeedsAnUrlAndAModel() throws IOException {
    String noUrl =
        assertThrows(InvalidConfigException.class, () -> load(Map.of("describe.naming", "llm"))).getMessage();
    assertTrue(noUrl.contains("describe.llm.base-url") && noUrl.contains("http"), noUrl);
    String noModel =
        assertThrows(
                InvalidConfigException.class,
                () -> load(Map.of("describe.naming", "llm", "describe.llm.base-url", "http://127.0.0.1:8000/v1")))
            .getMessage();
    assertTrue(noModel.contains("describe.llm.model"), noModel);
    String badMethod =
        assertThrows(InvalidConfigException.class, () -> load(Map.of("describe.naming", "gpt"))).getMessage();
    assertTrue(badMethod.contains("describe.naming") && badMethod.contains("keywords, llm"), badMethod);
    String tinySample =
        assertThrows(InvalidConfigException.class, () -> load(Map.of("evaluate.sample-size", "1"))).getMessage();
    assertTrue(tinySample.contains("evaluate.sample-size") && tinySample.contains(">= 2"), tinySample);
  }
}
