package io.textcluster.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.textcluster.config.JobConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.support.SmallCorpus;
import io.textcluster.support.SparkTest;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs that meet bad data, a killed process, a concurrent writer or an older table: nothing lost, nothing doubled. */
@SparkTest
class RunFaultsTest {
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  private final SparkSession spark;
  @TempDir Path dir;

  RunFaultsTest(SparkSession spark) {
    this.spark = spark;
  }

  private JobConfig config(String hocon) {
    return JobConfig.fromConfig(ConfigFactory.parseString(hocon), dir);
  }

  private Dataset<Row> table(Path lake, String name) {
    return spark.read().format("delta").load(lake.resolve(name).toString());
  }

  @Test
  void aFiveMegabyteDocumentIsTruncatedForFeaturesButKeptWhole() throws Exception {
    Path csv = SmallCorpus.write(dir.resolve("c.csv"), 60, 1);
    String huge = "market ".repeat(5 * 1024 * 1024 / 7);
    Files.writeString(csv, "999," + huge.trim() + ",3\n", java.nio.file.StandardOpenOption.APPEND);
    Path lake = dir.resolve("lake");
    TextClusteringJob.run(spark, config(SmallCorpus.config(csv, lake, 3)), "huge", QUIET);
    assertEquals(61, table(lake, "assignments").count());
    assertEquals(1, table(lake, "assignments").filter(col("doc_id").equalTo("999")).count());
  }

  @Test
  void kAboveTheDistinctDocumentsFailsClearly() throws Exception {
    Path csv = dir.resolve("same.csv");
    StringBuilder rows = new StringBuilder("id,body,score\n");
    for (int i = 0; i < 10; i++) {
      rows.append(i).append(',').append(i % 3 == 0 ? "alpha beta" : i % 3 == 1 ? "gamma delta" : "epsilon zeta")
          .append(",1\n");
    }
    Files.writeString(csv, rows.toString());
    Path lake = dir.resolve("lake");
    String message =
        assertThrows(
                TextClusterException.class,
                () -> TextClusteringJob.run(spark, config(SmallCorpus.config(csv, lake, 5)), "five", QUIET))
            .getMessage();
    assertTrue(message.contains("only 3 distinct documents") && message.contains("cluster.k"), message);
    assertEquals("failed", table(lake, "runs").first().getAs("status"));
  }

  @Test
  void twoRunsWritingTheSameLakeAtOnceBothLand() throws Exception {
    Path csv = SmallCorpus.write(dir.resolve("c.csv"), 90, 2);
    Path lake = dir.resolve("lake");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<RunResult>> runs = new ArrayList<>();
      for (String id : List.of("left", "right")) {
        runs.add(pool.submit(() -> TextClusteringJob.run(spark, config(SmallCorpus.config(csv, lake, 3)), id, QUIET)));
      }
      for (Future<RunResult> run : runs) {
        run.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(180, table(lake, "assignments").count());
    assertEquals(6, table(lake, "clusters").count());
    assertEquals(2, table(lake, "runs").filter(col("status").equalTo("succeeded")).count());
  }

  @Test
  void tablesOfAnOlderReleaseAreAppendedWithNewColumns() throws Exception {
    Path lake = dir.resolve("lake");
    // What a release with fewer columns left behind.
    spark.sql("SELECT 'old' AS run_id, '1' AS doc_id, 0 AS cluster_id")
        .write().format("delta").partitionBy("run_id").save(lake.resolve("assignments").toString());
    spark.sql("SELECT 'old' AS run_id, 'succeeded' AS status")
        .write().format("delta").partitionBy("run_id").save(lake.resolve("runs").toString());
    Path csv = SmallCorpus.write(dir.resolve("c.csv"), 30, 3);
    TextClusteringJob.run(spark, config(SmallCorpus.config(csv, lake, 3)), "new", QUIET);
    Dataset<Row> assignments = table(lake, "assignments");
    assertEquals(31, assignments.count());
    assertTrue(List.of(assignments.columns()).contains("distance"));
    assertTrue(assignments.filter(col("run_id").equalTo("old")).first().isNullAt(assignments.schema().fieldIndex("distance")));
    assertEquals(2, table(lake, "runs").count());
  }

  /** A separate JVM runs the job and is killed as it starts writing; re-running the id leaves exactly one copy. */
  @Test
  void aProcessKilledWhileWritingThenRerunLeavesOneCopyOfEveryRow() throws Exception {
    Path csv = SmallCorpus.write(dir.resolve("c.csv"), 300, 4);
    Path lake = dir.resolve("lake");
    Path conf = Files.writeString(dir.resolve("job.conf"), SmallCorpus.config(csv, lake, 3));
    // First a complete run of the same id, so the killed re-run has old rows it could duplicate.
    TextClusteringJob.run(spark, JobConfig.load(conf, java.util.Map.of()), "nightly", QUIET);

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect")).toList());
    command.addAll(List.of("-Xmx1g", "-Dspark.master=local[1]", "-Dspark.ui.enabled=false",
        "-cp", System.getProperty("java.class.path"), "io.textcluster.cli.TextClusterCli",
        "run", "--config", conf.toString(), "--run-id", "nightly"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process child = builder.start();
    boolean killedWhileWriting = false;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.contains("[textcluster] write ") && line.endsWith("...")) {
          child.destroyForcibly();
          killedWhileWriting = true;
          break;
        }
      }
    }
    child.waitFor(60, TimeUnit.SECONDS);
    assertTrue(killedWhileWriting, "the child never reached the write stage");

    TextClusteringJob.run(spark, JobConfig.load(conf, java.util.Map.of()), "nightly", QUIET);
    Dataset<Row> assignments = table(lake, "assignments").filter(col("run_id").equalTo("nightly"));
    assertEquals(300, assignments.count());
    assertEquals(300, assignments.select("doc_id").distinct().count());
    assertEquals(3, table(lake, "clusters").filter(col("run_id").equalTo("nightly")).count());
    assertEquals(1, table(lake, "runs").filter(col("run_id").equalTo("nightly")).count());
  }
}
