package io.textcluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A Databricks jar task must never call System.exit: it stops the driver the cluster shares, and Databricks marks the
 * run failed whatever the code. Each case runs the real entry point in a fresh JVM (through {@link EntryPointProbe}),
 * so a System.exit anywhere on the way ends that JVM before the probe can print how main ended.
 */
class EntryPointExitTest {
  private record Outcome(int exitCode, String output) {}

  private static Outcome probe(Map<String, String> environment, List<String> jvmOptions, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), EntryPointProbe.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("DATABRICKS_RUNTIME_VERSION");
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the probe JVM did not finish: " + output);
    return new Outcome(process.exitValue(), output);
  }

  private static final Map<String, String> DATABRICKS = Map.of("DATABRICKS_RUNTIME_VERSION", "15.4");

  @Test
  void onDatabricksASuccessReturnsFromMain() throws Exception {
    Outcome outcome = probe(DATABRICKS, List.of(), "--version");
    assertTrue(outcome.output().contains("probe: returned"), outcome.output());
    assertEquals(0, outcome.exitCode());
  }

  @Test
  void onDatabricksAFailureThrowsWithTheExitCodeInsteadOfExiting() throws Exception {
    // `run` without --config is a usage error (exit code 2 anywhere else).
    Outcome outcome = probe(DATABRICKS, List.of(), "run");
    assertTrue(outcome.output().contains("probe: threw: "), outcome.output());
    assertTrue(outcome.output().contains("exit code 2"), outcome.output());
    assertTrue(outcome.output().contains("--config"), "picocli's message names the missing option: " + outcome.output());
  }

  @Test
  void theClusterIdInTheSparkConfAlsoMarksDatabricks() throws Exception {
    Outcome outcome = probe(Map.of(), List.of("-Dspark.databricks.clusterUsageTags.clusterId=0101-000000-abcd"),
        "run");
    assertTrue(outcome.output().contains("probe: threw: "), outcome.output());
  }

  @Test
  void elsewhereMainExitsWithTheExitCode() throws Exception {
    // The control: off Databricks main does call System.exit, so the probe prints nothing, which proves the cases
    // above would notice an exit.
    Outcome usage = probe(Map.of(), List.of(), "run");
    assertFalse(usage.output().contains("probe:"), usage.output());
    assertEquals(2, usage.exitCode());
    Outcome version = probe(Map.of(), List.of(), "--version");
    assertFalse(version.output().contains("probe:"), version.output());
    assertEquals(0, version.exitCode());
  }
}
