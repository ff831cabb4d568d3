package io.textcluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {
  private static final String MINIMAL =
      "input { path = \"data/*.csv\", text-columns = [title, body] }\n";

  @TempDir Path dir;

  private JobConfig load(String hocon, Map<String, String> overrides) throws IOException {
    Path file = dir.resolve("job.conf");
    Files.writeString(file, hocon);
    return JobConfig.load(file, overrides);
  }

  private String error(String hocon) {
    return assertThrows(InvalidConfigException.class, () -> load(hocon, Map.of())).getMessage();
  }

  @Test
  void defaultsApplyAndRelativeInputResolvesAgainstTheConfigFolder() throws IOException {
    JobConfig config = load(MINIMAL, Map.of());
    assertEquals(dir.resolve("data/*.csv").toString(), config.input().paths().get(0));
    assertEquals("csv", config.input().format());
    assertEquals("english", config.text().language());
    assertEquals("kmeans", config.cluster().algorithm());
    assertEquals(8, config.cluster().k());
    assertEquals("cosine", config.cluster().distance());
    assertEquals("lake", config.output().path());
    assertEquals("delta", config.output().format());
  }

  @Test
  void schemePathsAndAbsolutePathsAreKept() throws IOException {
    JobConfig config =
        load(MINIMAL, Map.of("input.path", "s3a://bucket/reviews/part-*.parquet", "input.format", "parquet"));
    assertEquals("s3a://bucket/reviews/part-*.parquet", config.input().paths().get(0));
  }

  @Test
  void overridesAreTyped() throws IOException {
    JobConfig config =
        load(MINIMAL, Map.of("cluster.k", "12", "text.stopwords", "false", "input.keep-columns", "[a, b]"));
    assertEquals(12, config.cluster().k());
    assertFalse(config.text().stopwords());
    assertEquals(java.util.List.of("a", "b"), config.input().keepColumns());
  }

  @Test
  void unknownKeySuggestsTheNearestValidKey() {
    String message = error(MINIMAL + "cluster.kk = 3\n");
    assertTrue(message.contains("'cluster.kk'"), message);
    assertTrue(message.contains("Did you mean 'cluster.k'"), message);
  }

  @Test
  void wrongTypeNamesKeyValueAndExpectation() {
    String message = error(MINIMAL + "cluster.k = many\n");
    assertTrue(message.contains("'cluster.k'") && message.contains("many") && message.contains("whole number"),
        message);
  }

  @Test
  void missingRequiredKeys() {
    assertTrue(error("input.text-columns = [a]\n").contains("'input.path' is required"));
    assertTrue(error("input.path = x.csv\n").contains("'input.text-columns' is required"));
  }

  @Test
  void valuesOutOfRange() {
    assertTrue(error(MINIMAL + "cluster.k = 1\n").contains(">= 2"));
    assertTrue(error(MINIMAL + "describe.representatives = -1\n").contains(">= 0"));
    assertTrue(error(MINIMAL + "cluster.tolerance = -0.1\n").contains("positive"));
  }

  @Test
  void unknownEnumValuesListTheAllowedOnes() {
    String algorithm = error(MINIMAL + "cluster.algorithm = kmedoids\n");
    assertTrue(algorithm.contains("kmedoids") && algorithm.contains("kmeans"), algorithm);
    String language = error(MINIMAL + "text.language = klingon\n");
    assertTrue(language.contains("japanese") && language.contains("persian"), language);
    assertTrue(error(MINIMAL + "input.format = xml\n").contains("csv, json, parquet, delta"));
  }

  @Test
  void templateMustNameTextColumns() throws IOException {
    JobConfig ok = load(MINIMAL + "input.text-template = \"Title: {title}; Content: {body}\"\n", Map.of());
    assertEquals("Title: {title}; Content: {body}", ok.input().textTemplate().orElseThrow());
    assertTrue(error(MINIMAL + "input.text-template = \"{summary}\"\n").contains("{summary} is not"));
  }

  @Test
  void timeTravelNeedsDelta() {
    assertTrue(error(MINIMAL + "input.version = 3\n").contains("input.format = delta"));
  }

  @Test
  void missingFileIsAClearError() {
    String message =
        assertThrows(InvalidConfigException.class, () -> JobConfig.load(dir.resolve("nope.conf"), Map.of()))
            .getMessage();
    assertTrue(message.contains("does not exist"), message);
  }

  @Test
  void redactedConfigMasksSecretLookingKeys() {
    JobConfig config =
        JobConfig.fromConfig(ConfigFactory.parseString(MINIMAL), dir);
    assertTrue(config.redactedJson().contains("\"text-columns\""));
    assertFalse(config.redactedJson().contains("\"api-key\""));
  }

  @Test
  void everyJobConfigUnderConfIsValid() throws IOException {
    // Every job config a user is pointed at: the examples, the benchmarks and conf/nightly.conf, which every recipe
    // under submit/ names. Their input paths need not exist here (object stores, generated corpora).
    java.util.List<Path> configs;
    try (var files = Files.walk(Path.of("conf"))) {
      configs = files.filter(p -> p.toString().endsWith(".conf") && !p.endsWith("defaults.conf")).toList();
    }
    assertTrue(configs.contains(Path.of("conf", "nightly.conf")), configs.toString());
    assertTrue(configs.size() >= 9, configs.toString());
    for (Path file : configs) {
      JobConfig config = JobConfig.load(file, Map.of());
      assertTrue(config.cluster().k() >= 2, file.toString());
    }
  }

  @Test
  void theNightlyConfigReadsAndWritesTheObjectStore() {
    JobConfig nightly = JobConfig.load(Path.of("conf", "nightly.conf"), Map.of());
    assertEquals("s3a://textcluster-lake/landing/reviews/*.csv", nightly.input().paths().get(0));
    assertEquals("s3a://textcluster-lake/nightly", nightly.output().path());
  }

  @Test
  void everyDefaultKeyIsDocumentedWithAComment() throws IOException {
    java.util.List<String> lines = Files.readAllLines(Path.of("conf", "defaults.conf"));
    java.util.regex.Pattern key = java.util.regex.Pattern.compile("^\\s*([a-z-]+)\\s*=.*");
    boolean commentedGroup = false;
    for (String line : lines) {
      String trimmed = line.trim();
      if (trimmed.startsWith("#")) {
        commentedGroup = true;
      } else if (trimmed.isEmpty() || trimmed.endsWith("{") || trimmed.equals("}")) {
        commentedGroup = trimmed.endsWith("{") && commentedGroup;
      } else if (key.matcher(line).matches()) {
        assertTrue(commentedGroup, "conf/defaults.conf: no comment documents '" + trimmed + "'");
      }
    }
  }
}
