package io.textcluster.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.service.compute.ClusterSpec;
import com.databricks.sdk.service.compute.Library;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.Task;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.textcluster.cli.TextClusterCli;
import io.textcluster.config.JobConfig;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * submit/databricks/job.json read the way Databricks reads it: into the Databricks Java SDK's Jobs API model
 * ({@link CreateJob}, the body of jobs/create), with any field the API does not know failing the test. Then what the
 * job would do is checked against this project: the jar and config live in a Unity Catalog volume, the main class
 * exists, its parameters parse with the CLI, and the config they name validates.
 */
class DatabricksJobTest {
  private static final Path JOB = Path.of("submit", "databricks", "job.json");
  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static CreateJob job;

  @BeforeAll
  static void readJob() throws Exception {
    job = STRICT.readValue(JOB.toFile(), CreateJob.class);
  }

  private static Task task(String key) {
    return job.getTasks().stream().filter(t -> key.equals(t.getTaskKey())).findFirst()
        .orElseThrow(() -> new AssertionError("job.json has no task '" + key + "'"));
  }

  private static List<String> parameters(String key) {
    return List.copyOf(task(key).getSparkJarTask().getParameters());
  }

  @Test
  void aFieldTheJobsApiDoesNotKnowFailsTheRead() {
    String typo = "{\"name\": \"x\", \"tasks\": [{\"task_key\": \"t\", \"spark_jar_tsk\": {}}]}";
    assertThrows(UnrecognizedPropertyException.class, () -> STRICT.readValue(typo, CreateJob.class));
  }

  @Test
  void theJobRunsThenChecksOnAJava17Runtime() {
    assertEquals("textcluster-nightly", job.getName());
    assertEquals(List.of("cluster_corpus", "check_run"), job.getTasks().stream().map(Task::getTaskKey).toList());
    assertEquals("cluster_corpus", task("check_run").getDependsOn().iterator().next().getTaskKey());
    ClusterSpec cluster = job.getJobClusters().iterator().next().getNewCluster();
    String[] version = cluster.getSparkVersion().split("[.]");
    int major = Integer.parseInt(version[0]);
    int minor = Integer.parseInt(version[1]);
    assertTrue(major > 15 || (major == 15 && minor >= 4), "runtime 15.4 LTS or later: " + cluster.getSparkVersion());
    assertTrue(cluster.getSparkVersion().endsWith("-scala2.12"), "the jar is built for Scala 2.12");
    if (major < 16) {
      // Runtimes before 16 start Java 8 unless JNAME selects 17; the jar's class files are Java 17.
      assertEquals("zulu17-ca-amd64", cluster.getSparkEnvVars().get("JNAME"));
    }
    assertNotNull(cluster.getDataSecurityMode(), "Unity Catalog needs an access mode");
    for (Task task : job.getTasks()) {
      assertEquals(0L, task.getMaxRetries(), task.getTaskKey() + ": a re-run replaces the run's rows; retry by hand");
    }
  }

  @Test
  void theJarComesFromAUnityCatalogVolumeNotTheDbfsRoot() throws Exception {
    for (Task task : job.getTasks()) {
      List<String> jars = task.getLibraries().stream().map(Library::getJar).toList();
      assertEquals(1, jars.size(), task.getTaskKey());
      String jar = jars.get(0);
      // /Volumes/<catalog>/<schema>/<volume>/<file>: libraries in the DBFS root are disabled since runtime 15.0.
      assertTrue(jar.matches("/Volumes/[^/]+/[^/]+/[^/]+/.+\\.jar"), task.getTaskKey() + ": " + jar);
      assertTrue(jar.endsWith("/textcluster-app.jar"), jar);
    }
    String text = Files.readString(JOB);
    assertFalse(text.contains("\"dbfs:/textcluster"), "no path in the DBFS root");
    for (String secret : new String[] {"token", "password", "dapi", "secret_key", "access_key"}) {
      assertFalse(text.toLowerCase().contains(secret), "job.json must hold no secret: found '" + secret + "'");
    }
  }

  @Test
  void theMainClassIsTheProjectsEntryPoint() throws Exception {
    for (Task task : job.getTasks()) {
      Class<?> main = Class.forName(task.getSparkJarTask().getMainClassName());
      assertEquals(TextClusterCli.class, main);
      Method method = main.getMethod("main", String[].class);
      assertTrue(Modifier.isStatic(method.getModifiers()) && Modifier.isPublic(method.getModifiers()));
    }
  }

  @Test
  void theParametersParseWithTheCli() {
    ParseResult run = new CommandLine(new TextClusterCli()).parseArgs(parameters("cluster_corpus").toArray(String[]::new));
    assertEquals("run", run.subcommand().commandSpec().name());
    String config = run.subcommand().matchedOptionValue("--config", "");
    assertTrue(config.matches("/Volumes/[^/]+/[^/]+/[^/]+/.+\\.conf"), "the config comes from a volume: " + config);
    assertEquals("{{job.run_id}}", run.subcommand().matchedOptionValue("--run-id", ""));

    ParseResult check = new CommandLine(new TextClusterCli()).parseArgs(parameters("check_run").toArray(String[]::new));
    assertEquals("check", check.subcommand().commandSpec().name());
    assertEquals("{{job.run_id}}", check.subcommand().matchedOptionValue("--run", ""));
    assertEquals(overrides().get("output.path"), check.subcommand().matchedOptionValue("--lake", ""),
        "check reads the lake the run wrote");
  }

  @Test
  void theConfigOnTheVolumeIsNightlyConfAndValidatesWithTheJobsOverrides() {
    String config = parameters("cluster_corpus").get(parameters("cluster_corpus").indexOf("--config") + 1);
    assertEquals("nightly.conf", Path.of(config).getFileName().toString(), "upload conf/nightly.conf");
    JobConfig nightly = JobConfig.load(Path.of("conf", "nightly.conf"), overrides());
    assertTrue(nightly.input().paths().get(0).startsWith("/Volumes/"), nightly.input().paths().toString());
    // The lake is an external location, so its Delta tables can be registered in Unity Catalog (a volume cannot
    // hold a table's location).
    assertTrue(nightly.output().path().matches("(s3|abfss|gs)://.+"), nightly.output().path());
  }

  private static Map<String, String> overrides() {
    List<String> parameters = parameters("cluster_corpus");
    Map<String, String> overrides = new LinkedHashMap<>();
    for (int i = 0; i < parameters.size() - 1; i++) {
      if (parameters.get(i).equals("--set")) {
        String[] keyValue = parameters.get(i + 1).split("=", 2);
        overrides.put(keyValue[0], keyValue[1]);
      }
    }
    return overrides;
  }
}
