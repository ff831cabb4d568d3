package io.textcluster.deploy;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.support.SparkTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar submitted through Spark's own submit entry point to a standalone cluster of separate JVMs, as
 * spark-submit does on a real cluster, and compared with local mode for the same config and seed.
 */
@SparkTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandaloneClusterIT {
  private static final String CONFIG = "conf/examples/fine_food_reviews.conf";

  private final SparkSession spark;
  @TempDir static Path work;
  private StandaloneCluster cluster;

  StandaloneClusterIT(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void startCluster() throws Exception {
    List<String> jars =
        new ArrayList<>(Arrays.asList(
            Files.readString(Path.of(System.getProperty("textcluster.providedClasspath"))).trim().split(":")));
    cluster = StandaloneCluster.start(work, jars, opens(), 2);
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static List<String> opens() {
    return Arrays.asList(System.getProperty("textcluster.javaOpens").trim().split("\\s+"));
  }

  /** Runs spark-submit's entry point; {@code onLine} sees each console line (and may act on it). */
  private String submit(String master, String runId, Path lake, Consumer<String> onLine) throws Exception {
    String executorOptions = String.join(" ", opens());
    List<String> command =
        cluster.java(
            "-Xmx1g",
            "org.apache.spark.deploy.SparkSubmit",
            "--master", master,
            "--deploy-mode", "client",
            "--class", "io.textcluster.cli.TextClusterCli",
            "--conf", "spark.executor.extraJavaOptions=" + executorOptions,
            "--conf", "spark.executor.memory=1g",
            "--conf", "spark.driver.host=127.0.0.1",
            "--conf", "spark.ui.enabled=false",
            "--conf", "spark.sql.shuffle.partitions=4",
            "--conf", "spark.default.parallelism=2",
            "--conf", "spark.task.maxFailures=4",
            System.getProperty("textcluster.appJar"),
            "run", "--config", CONFIG, "--run-id", runId, "--set", "output.path=" + lake,
            "--set", "cluster.restarts=2");
    Process driver = cluster.processBuilder(command).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        output.append(line).append('\n');
        onLine.accept(line);
      }
    }
    assertTrue(driver.waitFor(5, TimeUnit.MINUTES), "spark-submit did not finish:\n" + output);
    assertEquals(0, driver.exitValue(), "spark-submit failed:\n" + output + "\n" + cluster.log("worker-0"));
    return output.toString();
  }

  private Dataset<Row> assignments(Path lake, String runId) {
    return spark.read().format("delta").load(lake.resolve("assignments").toString())
        .filter(col("run_id").equalTo(runId))
        .select(col("doc_id"), col("cluster_id"));
  }

  private static long disagreements(Dataset<Row> a, Dataset<Row> b) {
    return a.join(b.withColumnRenamed("cluster_id", "other"), "doc_id")
        .filter(col("cluster_id").notEqual(col("other")))
        .count();
  }

  @Test
  void clusterRunEqualsLocalModeAndSurvivesAKilledExecutor() throws Exception {
    Path localLake = work.resolve("lake-local");
    Path clusterLake = work.resolve("lake-cluster");
    Path faultLake = work.resolve("lake-fault");

    String clusterOutput = submit(cluster.masterUrl(), "on-cluster", clusterLake, line -> {});
    assertTrue(clusterOutput.contains("Metrics:"), clusterOutput);
    submit("local[2]", "local", localLake, line -> {});

    Dataset<Row> onCluster = assignments(clusterLake, "on-cluster");
    Dataset<Row> local = assignments(localLake, "local");
    assertEquals(1000, onCluster.count());
    assertEquals(1000, local.count());
    assertEquals(0, disagreements(onCluster, local), "cluster and local mode disagree");
    Row run = spark.read().format("delta").load(clusterLake.resolve("runs").toString()).first();
    assertEquals("succeeded", run.getAs("status"));

    // An executor JVM killed while k-means runs: Spark retries its tasks elsewhere; the result must not change.
    boolean[] killed = {false};
    submit(cluster.masterUrl(), "fault", faultLake, line -> {
      if (!killed[0] && line.contains("[textcluster] cluster ") && line.endsWith("...")) {
        List<ProcessHandle> executors = cluster.executors();
        if (!executors.isEmpty()) {
          killed[0] = executors.get(0).destroyForcibly();
        }
      }
    });
    assertTrue(killed[0], "no executor was running to kill");
    Dataset<Row> afterFault = assignments(faultLake, "fault");
    assertEquals(1000, afterFault.count());
    assertEquals(0, disagreements(afterFault, local), "a killed executor changed the assignments");
  }
}
