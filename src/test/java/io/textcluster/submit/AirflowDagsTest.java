package io.textcluster.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Airflow DAGs under submit/airflow, checked without Airflow (no package index is reachable here): each compiles
 * with Python 3, and a small ast-based checker (src/test/resources/airflow/check_dags.py) holds every operator keyword
 * against the provider's signature recorded in operator-signatures.json (with the provider version and source file),
 * and finds Variable.get at parse time, Airflow-2-only imports, a missing deploy_mode and configs shipped with files=.
 */
class AirflowDagsTest {
  private static final Path RESOURCES = Path.of("src", "test", "resources", "airflow");
  private static final Path SIGNATURES = RESOURCES.resolve("operator-signatures.json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static String python;
  @TempDir Path temp;

  private record Result(int exitCode, String output) {}

  @BeforeAll
  static void findPython() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "python3"))) {
        python = Path.of(dir, "python3").toString();
        break;
      }
    }
    if (python == null && Files.isExecutable(Path.of("/usr/bin/python3"))) {
      python = "/usr/bin/python3";
    }
    Assumptions.assumeTrue(python != null,
        "python3 is not installed, so the Airflow DAGs cannot be compiled or checked (apt-get install python3)");
  }

  private Result python(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(python));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
    builder.environment().put("PYTHONPYCACHEPREFIX", temp.toString());
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), command + " did not finish");
    return new Result(process.exitValue(), output);
  }

  private static List<String> dags() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("submit", "airflow"))) {
      return files.filter(p -> p.toString().endsWith(".py")).map(Path::toString).sorted().toList();
    }
  }

  private JsonNode check(List<String> files) throws Exception {
    List<String> args = new ArrayList<>(List.of(RESOURCES.resolve("check_dags.py").toString(), SIGNATURES.toString()));
    args.addAll(files);
    Result result = python(args.toArray(String[]::new));
    assertEquals(0, result.exitCode(), result.output());
    return JSON.readTree(result.output());
  }

  @Test
  void everyDagCompiles() throws Exception {
    List<String> dags = dags();
    assertEquals(3, dags.size(), dags.toString());
    List<String> args = new ArrayList<>(List.of("-m", "py_compile"));
    args.addAll(dags);
    Result result = python(args.toArray(String[]::new));
    assertEquals(0, result.exitCode(), result.output());
  }

  @Test
  void everyOperatorArgumentIsInTheRecordedProviderSignature() throws Exception {
    JsonNode report = check(dags());
    int operators = 0;
    for (String dag : dags()) {
      JsonNode file = report.get(dag);
      assertEquals(List.of(), JSON.convertValue(file.get("violations"), List.class), dag);
      assertTrue(file.get("operators").size() >= 1, dag + " builds no operator the signatures record");
      operators += file.get("operators").size();
    }
    assertEquals(5, operators, "two spark-submit, two submit-run and one run-now operator");
  }

  @Test
  void sparkSubmitTasksSetTheDeployModeAndReadTheConfigByUri() throws Exception {
    JsonNode file = check(List.of("submit/airflow/textcluster_spark_submit.py")).get(
        "submit/airflow/textcluster_spark_submit.py");
    for (JsonNode operator : file.get("operators")) {
      assertTrue(List.of("client", "cluster").contains(operator.get("deploy_mode").asText()), operator.toString());
      assertFalse(operator.get("keywords").toString().contains("\"files\""), operator.toString());
    }
    assertEquals(1, file.get("configs").size());
    JsonNode config = file.get("configs").get(0);
    assertTrue(config.get("value").asText().contains("var.value.get('textcluster_config'"),
        "the config's URI is a Variable read when the task runs: " + config);
    // The same URI serves client and cluster mode: the driver opens it wherever it runs.
    assertTrue(config.get("rendered").asText().matches("(s3a|hdfs|abfss|gs)://.+\\.conf"), config.toString());
  }

  @Test
  void theSparkSubmitDagAddsDeltaAsTheLaunchersDo() throws Exception {
    ProcessBuilder builder = new ProcessBuilder("submit/spark-submit.sh", "--master", "yarn", "--", "run", "--config",
        "s3a://b/nightly.conf").redirectErrorStream(true);
    builder.environment().remove("SPARK_HOME");
    builder.environment().put("TEXTCLUSTER_DRY_RUN", "1");
    Process process = builder.start();
    List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    String dag = Files.readString(Path.of("submit", "airflow", "textcluster_spark_submit.py"));
    assertTrue(dag.contains("'" + lines.get(lines.indexOf("--packages") + 1) + "'"), "the same Delta package");
    List<String> deltaConf = lines.stream().filter(l -> l.startsWith("spark.sql.")).toList();
    assertEquals(2, deltaConf.size(), "Delta's extension and catalog: " + lines);
    for (String conf : deltaConf) {
      String[] keyValue = conf.split("=", 2);
      assertTrue(dag.contains("\"" + keyValue[0] + "\": \"" + keyValue[1] + "\""), "the DAG sets " + conf);
    }
  }

  @Test
  void databricksRunsReadTheConfigFromAUnityCatalogVolume() throws Exception {
    JsonNode file = check(List.of("submit/airflow/textcluster_databricks.py")).get(
        "submit/airflow/textcluster_databricks.py");
    assertEquals(1, file.get("configs").size());
    String rendered = file.get("configs").get(0).get("rendered").asText();
    assertTrue(rendered.matches("/Volumes/[^/]+/[^/]+/[^/]+/nightly\\.conf"), rendered);
    String dag = Files.readString(Path.of("submit", "airflow", "textcluster_databricks.py"));
    assertFalse(dag.contains("dbfs:/textcluster"), "no library or config in the DBFS root");
  }

  @Test
  void theCheckerFindsWhatItLooksFor() throws Exception {
    Path bad = temp.resolve("bad_dag.py");
    Files.writeString(bad, String.join("\n",
        "from airflow import DAG",
        "from airflow.models import Variable",
        "from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator",
        "CONFIG = Variable.get('textcluster_config')",
        "with DAG(dag_id='x') as dag:",
        "    SparkSubmitOperator(task_id='a', files=CONFIG, application_args=['run', '--config', 'nightly.conf'],",
        "                        spark_version='3.5')",
        "def later():",
        "    return Variable.get('fine_inside_a_function')",
        ""));
    JsonNode file = check(List.of(bad.toString())).get(bad.toString());
    List<String> violations = JSON.convertValue(file.get("violations"), List.class);
    assertEquals(5, violations.size(), violations.toString());
    assertTrue(violations.get(0).startsWith("no 'from airflow.sdk import"), violations.toString());
    assertTrue(violations.get(1).startsWith("line 4: Variable.get runs at parse time"), violations.toString());
    assertTrue(violations.contains("line 6: SparkSubmitOperator has no parameter 'spark_version'"),
        violations.toString());
    assertTrue(violations.contains("line 6: SparkSubmitOperator needs deploy_mode='client' or 'cluster'"),
        violations.toString());
    assertTrue(violations.contains("line 6: files= ships the config; pass --config as a URI"), violations.toString());
    assertEquals("nightly.conf", file.get("configs").get(0).get("rendered").asText());
  }

  @Test
  void eachRecordedSignatureNamesItsProviderVersionAndSource() throws Exception {
    JsonNode signatures = JSON.readTree(SIGNATURES.toFile());
    for (Map.Entry<String, JsonNode> operator : signatures.get("operators").properties()) {
      JsonNode entry = operator.getValue();
      assertTrue(entry.get("provider").asText().matches("apache-airflow-providers-[a-z.-]+ \\d+\\.\\d+\\.\\d+"),
          operator.getKey());
      assertTrue(entry.get("source").asText().matches("apache/airflow@[0-9a-f]{40} providers/.+\\.py"),
          operator.getKey());
      assertTrue(entry.get("parameters").size() > 10, operator.getKey());
    }
    assertTrue(signatures.at("/base_operator/parameters").toString().contains("\"task_id\""));
  }
}
