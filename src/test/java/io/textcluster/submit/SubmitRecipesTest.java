package io.textcluster.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
 * checked as far as a machine without them allows: every file parses, and the wrappers build the spark-submit
 * command each cluster manager needs (printed by TEXTCLUSTER_DRY_RUN=1).
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
  void theDatabricksJobRunsTheCliWithTheRunIdAndChecksIt() throws Exception {
    JsonNode job = JSON.readTree(Path.of("submit", "databricks", "job.json").toFile());
    JsonNode run = job.at("/tasks/0/spark_jar_task");
    assertEquals("io.textcluster.cli.TextClusterCli", run.get("main_class_name").asText());
    assertEquals(
        List.of("run", "--config", "dbfs:/textcluster/conf/nightly.conf", "--run-id", "{{job.run_id}}"),
        JSON.convertValue(run.get("parameters"), List.class));
    assertEquals("check", job.at("/tasks/1/spark_jar_task/parameters/0").asText());
    assertEquals("cluster_corpus", job.at("/tasks/1/depends_on/0/task_key").asText());
    assertTrue(job.at("/job_clusters/0/new_cluster/spark_version").asText().startsWith("15.4.x-scala2.12"));
    assertTrue(job.at("/tasks/0/libraries/0/jar").asText().endsWith("textcluster-app.jar"));
    String text = Files.readString(Path.of("submit", "databricks", "job.json")).toLowerCase();
    for (String secret : new String[] {"token", "password", "dapi", "secret_key", "access_key"}) {
      assertFalse(text.contains(secret), "job.json must hold no secret: found '" + secret + "'");
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

  @Test
  void yarnClusterModeShipsTheConfigWithFilesAndReadsItByName() throws Exception {
    Result result =
        execute(
            Map.of("TEXTCLUSTER_DRY_RUN", "1", "TEXTCLUSTER_QUEUE", "nightly"),
            "submit/yarn.sh", "--config", "conf/examples/bbc_news.conf", "--run-id", "n1", "--set", "cluster.k=7");
    assertEquals(0, result.exitCode(), result.output());
    List<String> args = result.output().lines().toList();
    assertEquals("yarn", args.get(args.indexOf("--master") + 1));
    assertEquals("cluster", args.get(args.indexOf("--deploy-mode") + 1));
    assertEquals("nightly", args.get(args.indexOf("--queue") + 1));
    assertTrue(args.get(args.indexOf("--files") + 1).endsWith("/conf/examples/bbc_news.conf"), result.output());
    int jar = indexEndingWith(args, "textcluster-app.jar");
    assertEquals(
        List.of("run", "--config", "bbc_news.conf", "--run-id", "n1", "--set", "cluster.k=7"),
        args.subList(jar + 1, args.size()));
    assertTrue(args.contains("io.delta:delta-spark_2.12:3.3.2"));
  }

  @Test
  void standaloneClientModeReadsTheConfigFromThisMachine() throws Exception {
    Result result =
        execute(
            Map.of("TEXTCLUSTER_DRY_RUN", "1", "TEXTCLUSTER_TOTAL_CORES", "8"),
            "submit/standalone.sh", "--master", "spark://127.0.0.1:7077", "--config", "conf/examples/bbc_news.conf");
    assertEquals(0, result.exitCode(), result.output());
    List<String> args = result.output().lines().toList();
    assertEquals("client", args.get(args.indexOf("--deploy-mode") + 1));
    assertEquals("8", args.get(args.indexOf("--total-executor-cores") + 1));
    assertTrue(Path.of(args.get(args.indexOf("--config") + 1)).isAbsolute(), result.output());
    assertFalse(args.contains("--files"));

    Result noMaster = execute(Map.of("TEXTCLUSTER_DRY_RUN", "1"), "submit/standalone.sh", "--config", "x.conf");
    assertEquals(2, noMaster.exitCode());
    assertTrue(noMaster.output().contains("--master spark://"), noMaster.output());
  }

  @Test
  void kubernetesMountsTheConfigFromAConfigMapAndUsesTheImagesJars() throws Exception {
    Result result =
        execute(
            Map.of("TEXTCLUSTER_DRY_RUN", "1", "TEXTCLUSTER_IMAGE", "registry.example.com/textcluster:0.1"),
            "submit/kubernetes.sh", "--master", "k8s://https://10.0.0.1:6443", "--config",
            "conf/examples/bbc_news.conf", "--run-id", "Nightly_7");
    assertEquals(0, result.exitCode(), result.output());
    List<String> lines = result.output().lines().toList();
    assertTrue(lines.get(0).startsWith("kubectl -n default create configmap textcluster-config-nightly-7 "
        + "--from-file=job.conf=conf/examples/bbc_news.conf"), lines.get(0));
    assertTrue(lines.contains("spark.kubernetes.container.image=registry.example.com/textcluster:0.1"));
    assertTrue(lines.contains("local:///opt/textcluster/textcluster-app.jar"));
    assertFalse(lines.contains("--packages"), "Delta comes from the image: " + result.output());
    assertEquals("/opt/textcluster/conf/job.conf", lines.get(lines.indexOf("--config") + 1));
    String template = lines.stream().filter(l -> l.startsWith("spark.kubernetes.driver.podTemplateFile=")).findFirst()
        .orElseThrow().substring("spark.kubernetes.driver.podTemplateFile=".length());
    String pod = Files.readString(Path.of(template));
    Files.delete(Path.of(template));
    assertTrue(pod.contains("name: textcluster-config-nightly-7") && pod.contains("mountPath: /opt/textcluster/conf"),
        pod);
  }

  @Test
  void theAirflowDagsRunThenCheckTheSameRun() throws Exception {
    for (String dag : new String[] {"textcluster_spark_submit.py", "textcluster_databricks.py"}) {
      String code = Files.readString(Path.of("submit", "airflow", dag));
      assertTrue(code.contains("\"run\", \"--config\"") && code.contains("\"check\", \"--run\", RUN_ID"), dag);
      assertTrue(code.contains("cluster_corpus >> check_run"), dag);
    }
  }

  private static int indexEndingWith(List<String> args, String suffix) {
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).endsWith(suffix)) {
        return i;
      }
    }
    throw new AssertionError("no argument ends with " + suffix + ": " + args);
  }
}
