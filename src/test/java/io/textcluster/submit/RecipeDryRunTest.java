package io.textcluster.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each launcher under submit/ run with TEXTCLUSTER_DRY_RUN=1 in client and in cluster mode: the command it prints
 * must hand the driver a --config it can read where it runs. textcluster reads the config on the driver before Spark
 * starts, so in cluster mode only a URI works (a file here is refused with the way out), and in client mode a file
 * here is passed by its absolute path. No recipe ships the config with --files (that works on YARN alone).
 */
class RecipeDryRunTest {
  private static final String CONFIG_URI = "s3a://textcluster-lake/conf/nightly.conf";
  private static final String CONFIG_FILE = "conf/nightly.conf";
  private static final String IMAGE = "registry.example.com/textcluster:0.1";
  @TempDir Path temp;

  private record Result(int exitCode, List<String> lines, String output) {
    String after(String flag) {
      int at = lines.lastIndexOf(flag);
      assertTrue(at >= 0 && at + 1 < lines.size(), "no " + flag + " in: " + output);
      return lines.get(at + 1);
    }
  }

  private Result dryRun(String script, String mode, String config) throws Exception {
    List<String> command = new ArrayList<>(List.of("submit/" + script));
    switch (script) {
      case "spark-submit.sh" -> command.addAll(List.of("--master", "spark://127.0.0.1:7077", "--deploy-mode", mode,
          "--", "run", "--config", config, "--run-id", "n1"));
      case "standalone.sh" -> command.addAll(List.of("--master", "spark://127.0.0.1:7077", "--deploy-mode", mode,
          "--config", config, "--run-id", "n1"));
      case "yarn.sh" -> command.addAll(List.of("--deploy-mode", mode, "--config", config, "--run-id", "n1"));
      case "kubernetes.sh" -> command.addAll(List.of("--master", "k8s://https://10.0.0.1:6443", "--deploy-mode", mode,
          "--config", config, "--run-id", "Nightly_7"));
      default -> throw new IllegalArgumentException(script);
    }
    return execute(Map.of(), command);
  }

  private Result execute(Map<String, String> environment, List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("SPARK_HOME");
    Map<String, String> settings = new HashMap<>(Map.of("TEXTCLUSTER_DRY_RUN", "1", "TEXTCLUSTER_IMAGE", IMAGE,
        "TMPDIR", temp.toString()));
    settings.putAll(environment);
    builder.environment().putAll(settings);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), command + " did not finish");
    return new Result(process.exitValue(), output.lines().toList(), output);
  }

  /** What the driver gets as --config, checked for the mode it runs in. */
  private static void assertTheDriverReads(String mode, String config, Result result) {
    assertFalse(result.lines().contains("--files"), "the config is not shipped with --files: " + result.output());
    if (config.matches("[a-z][a-z0-9+.-]+:.*")) {
      return; // a URI: the driver opens it through its file system wherever it runs
    }
    assertEquals("client", mode, "in cluster mode the driver needs a URI, not '" + config + "'");
    assertTrue(Path.of(config).isAbsolute() && Files.isRegularFile(Path.of(config)),
        "in client mode the driver reads an existing file by its absolute path: " + config);
  }

  @ParameterizedTest(name = "{0} --deploy-mode {1}")
  @CsvSource({"spark-submit.sh, client", "spark-submit.sh, cluster", "standalone.sh, client",
      "standalone.sh, cluster", "yarn.sh, client", "yarn.sh, cluster", "kubernetes.sh, client",
      "kubernetes.sh, cluster"})
  void aConfigUriReachesTheDriverAsIsInBothModes(String script, String mode) throws Exception {
    Result result = dryRun(script, mode, CONFIG_URI);
    assertEquals(0, result.exitCode(), result.output());
    assertEquals(mode, result.after("--deploy-mode"));
    assertEquals(CONFIG_URI, result.after("--config"));
    assertTheDriverReads(mode, result.after("--config"), result);
    assertTrue(result.lines().stream().noneMatch(l -> l.contains("configmap")), "a URI needs no ConfigMap");
  }

  @ParameterizedTest(name = "{0} --deploy-mode client")
  @CsvSource({"spark-submit.sh", "standalone.sh", "yarn.sh", "kubernetes.sh"})
  void inClientModeAFileHereIsPassedByItsAbsolutePath(String script) throws Exception {
    Result result = dryRun(script, "client", CONFIG_FILE);
    assertEquals(0, result.exitCode(), result.output());
    assertEquals(Path.of(CONFIG_FILE).toAbsolutePath().toString(), result.after("--config"));
    assertTheDriverReads("client", result.after("--config"), result);
  }

  @ParameterizedTest(name = "{0} --deploy-mode cluster")
  @CsvSource({"spark-submit.sh", "standalone.sh", "yarn.sh"})
  void inClusterModeAFileHereIsRefusedWithTheWayOut(String script) throws Exception {
    Result result = dryRun(script, "cluster", CONFIG_FILE);
    assertEquals(2, result.exitCode(), result.output());
    assertEquals(1, result.lines().size(), "one line, no command: " + result.output());
    assertTrue(result.output().contains("cannot read '" + CONFIG_FILE + "'")
        && result.output().contains("--config hdfs:///") && result.output().contains("--deploy-mode client"),
        result.output());
  }

  @Test
  void kubernetesClusterModeMountsAFileHereFromAConfigMapAndDeletesIt() throws Exception {
    Result result = dryRun("kubernetes.sh", "cluster", CONFIG_FILE);
    assertEquals(0, result.exitCode(), result.output());
    List<String> lines = result.lines();
    assertEquals("kubectl -n textcluster create configmap textcluster-config-nightly-7 --from-file=job.conf="
        + CONFIG_FILE + " --dry-run=client -o yaml | kubectl apply -f -", lines.get(0));
    assertEquals("kubectl -n textcluster delete configmap textcluster-config-nightly-7 --ignore-not-found",
        lines.get(lines.size() - 1), "the ConfigMap is deleted after spark-submit returns");
    assertTrue(lines.contains("spark.kubernetes.submission.waitAppCompletion=true"),
        "spark-submit must wait for the driver, or the ConfigMap goes before the driver reads it");
    String config = result.after("--config");
    assertEquals("file:///opt/textcluster/conf/job.conf", config);
    assertTheDriverReads("cluster", config, result);

    String template = lines.stream().filter(l -> l.startsWith("spark.kubernetes.driver.podTemplateFile="))
        .findFirst().orElseThrow().substring("spark.kubernetes.driver.podTemplateFile=".length());
    assertTrue(Path.of(template).startsWith(temp), template);
    assertFalse(Files.exists(Path.of(template)), "the rendered pod template is removed when the script ends");
    String pod = Files.readString(Path.of("submit", "kubernetes", "driver-pod-template.yaml"));
    assertTrue(pod.contains("mountPath: " + Path.of(config.substring("file://".length())).getParent()), pod);
    assertTrue(pod.contains("name: TEXTCLUSTER_CONFIG_MAP"), pod);
  }

  @Test
  void kubernetesUsesTheImagesJarsAndTheRbacServiceAccount() throws Exception {
    Result result = dryRun("kubernetes.sh", "cluster", CONFIG_URI);
    assertTrue(result.lines().contains("spark.kubernetes.container.image=" + IMAGE));
    assertTrue(result.lines().contains("local:///opt/textcluster/textcluster-app.jar"));
    assertTrue(result.lines().contains("spark.kubernetes.authenticate.driver.serviceAccountName=textcluster-spark"));
    assertFalse(result.lines().contains("--packages"), "Delta comes from the image: " + result.output());
    Result inImage = dryRun("kubernetes.sh", "cluster", "local:///opt/textcluster/conf/nightly.conf");
    assertEquals("file:///opt/textcluster/conf/nightly.conf", inImage.after("--config"));
  }

  @Test
  void yarnAndStandaloneKeepTheirResourceSettings() throws Exception {
    Result yarn = execute(Map.of("TEXTCLUSTER_QUEUE", "nightly"),
        List.of("submit/yarn.sh", "--config", CONFIG_URI, "--run-id", "n1", "--set", "cluster.k=7"));
    assertEquals(0, yarn.exitCode(), yarn.output());
    assertEquals("yarn", yarn.after("--master"));
    assertEquals("cluster", yarn.after("--deploy-mode"), "YARN's default");
    assertEquals("nightly", yarn.after("--queue"));
    assertTrue(yarn.lines().contains("io.delta:delta-spark_2.12:3.3.2"));
    int jar = yarn.lines().indexOf(Path.of("target", "textcluster-app.jar").toAbsolutePath().toString());
    assertEquals(List.of("run", "--config", CONFIG_URI, "--run-id", "n1", "--set", "cluster.k=7"),
        yarn.lines().subList(jar + 1, yarn.lines().size()));

    Result standalone = execute(Map.of("TEXTCLUSTER_TOTAL_CORES", "8"),
        List.of("submit/standalone.sh", "--master", "spark://127.0.0.1:7077", "--config", CONFIG_FILE));
    assertEquals("client", standalone.after("--deploy-mode"), "standalone's default");
    assertEquals("8", standalone.after("--total-executor-cores"));
    Result noMaster = execute(Map.of(), List.of("submit/standalone.sh", "--config", CONFIG_FILE));
    assertEquals(2, noMaster.exitCode());
    assertTrue(noMaster.output().contains("--master spark://"), noMaster.output());
  }
}
