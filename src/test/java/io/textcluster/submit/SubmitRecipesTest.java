package io.textcluster.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipes under submit/ and notebooks/ cannot be run here (no YARN, Kubernetes, Databricks or Airflow), so they are
 * checked as far as a machine without them allows. This class: every JSON, Python and shell file parses. The launchers'
 * commands are checked in {@link RecipeDryRunTest}, job.json in {@link DatabricksJobTest}, the DAGs in
 * {@link AirflowDagsTest} and the manifests in {@link KubernetesManifestsTest}.
 */
class SubmitRecipesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private record Result(int exitCode, String output) {}

  private static List<Path> files(String suffix, String... roots) throws IOException {
    List<Path> found = new ArrayList<>();
    for (String root : roots) {
      if (!Files.isDirectory(Path.of(root))) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(Path.of(root))) {
        walk.filter(p -> p.toString().endsWith(suffix) && !p.toString().contains(".ipynb_checkpoints"))
            .forEach(found::add);
      }
    }
    return found;
  }

  private Result execute(Map<String, String> environment, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("SPARK_HOME");
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
    return new Result(process.exitValue(), output);
  }

  @Test
  void everyJsonFileParses() throws Exception {
    List<Path> jsonFiles = files(".json", "submit", "notebooks");
    jsonFiles.addAll(files(".ipynb", "notebooks"));
    assertFalse(jsonFiles.isEmpty());
    for (Path file : jsonFiles) {
      JSON.readTree(file.toFile()); // throws with the line and column of the first error
    }
  }

  @Test
  void everyPythonFileCompiles() throws Exception {
    List<Path> python = files(".py", "submit", "notebooks");
    assertTrue(python.size() >= 2, "the two Airflow DAGs at least: " + python);
    List<String> command = new ArrayList<>(List.of("python3", "-m", "py_compile"));
    python.forEach(p -> command.add(p.toString()));
    // The byte code goes to a temporary folder, not __pycache__ beside the sources.
    Result result = execute(Map.of("PYTHONPYCACHEPREFIX", dir.toString()), command.toArray(String[]::new));
    assertEquals(0, result.exitCode(), result.output());
  }

  @Test
  void pythonSyntaxErrorsAreCaught() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.py"), "def dag(:\n  pass\n");
    Result result = execute(Map.of("PYTHONPYCACHEPREFIX", dir.toString()), "python3", "-m", "py_compile",
        broken.toString());
    assertTrue(result.exitCode() != 0, "py_compile accepted a syntax error");
  }

  @Test
  void everyShellScriptParses() throws Exception {
    List<Path> scripts = files(".sh", "submit");
    scripts.add(Path.of(".ci", "run"));
    assertTrue(scripts.size() >= 6, scripts.toString());
    for (Path script : scripts) {
      Result result = execute(Map.of(), "bash", "-n", script.toString());
      assertEquals(0, result.exitCode(), script + ": " + result.output());
    }
  }
}
