package io.textcluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.textcluster.config.JobConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.job.TextClusteringJob;
import io.textcluster.support.SmallCorpus;
import io.textcluster.support.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler's gate ({@code textcluster check}) and the notebooks' export, against lakes written by real runs. */
@SparkTest
class RunCheckAndExportTest {
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  private final SparkSession spark;
  @TempDir Path dir;

  RunCheckAndExportTest(SparkSession spark) {
    this.spark = spark;
  }

  private Path lakeWithRun(String runId, int documents, int k) throws Exception {
    Path csv = SmallCorpus.write(dir.resolve("corpus.csv"), documents, 7);
    Path lake = dir.resolve("lake");
    JobConfig config = JobConfig.fromConfig(ConfigFactory.parseString(SmallCorpus.config(csv, lake, k)), dir);
    TextClusteringJob.run(spark, config, runId, QUIET);
    return lake;
  }

  @Test
  void aSucceededRunPassesAndFailedMissingOrWrongLakeDoNot() throws Exception {
    Path lake = lakeWithRun("good", 60, 3);
    assertEquals(
        "Run 'good' succeeded: 60 documents in 3 clusters.", CheckCommand.verify(spark, lake.toString(), "delta", "good"));

    // k above the number of distinct documents: the job marks the run failed with the reason.
    Path csv = SmallCorpus.write(dir.resolve("tiny.csv"), 3, 1);
    JobConfig tooManyClusters =
        JobConfig.fromConfig(ConfigFactory.parseString(SmallCorpus.config(csv, lake, 3).replace("k = 3", "k = 8")), dir);
    assertThrows(TextClusterException.class, () -> TextClusteringJob.run(spark, tooManyClusters, "bad", QUIET));
    String failed =
        assertThrows(TextClusterException.class, () -> CheckCommand.verify(spark, lake.toString(), "delta", "bad"))
            .getMessage();
    assertTrue(failed.startsWith("Run 'bad' failed: ") && failed.contains("cluster.k"), failed);

    String missing =
        assertThrows(TextClusterException.class, () -> CheckCommand.verify(spark, lake.toString(), "delta", "nope"))
            .getMessage();
    assertTrue(missing.contains("'nope' is not in"), missing);

    String noLake =
        assertThrows(
                TextClusterException.class,
                () -> CheckCommand.verify(spark, dir.resolve("elsewhere").toString(), "delta", "good"))
            .getMessage();
    assertTrue(noLake.contains("No delta runs table") && noLake.contains("--lake"), noLake);

    String wrongFormat =
        assertThrows(TextClusterException.class, () -> CheckCommand.verify(spark, lake.toString(), "parquet", "good"))
            .getMessage();
    assertTrue(wrongFormat.contains("is a Delta table") && wrongFormat.contains("--format delta"), wrongFormat);
  }

  @Test
  void anEmptySucceededRunFailsTheGate() throws Exception {
    Path lake = lakeWithRun("real", 30, 3);
    // A run row that says succeeded with 0 documents (e.g. written by an older version over an empty input).
    spark.read().format("delta").load(lake.resolve("runs").toString())
        .withColumn("run_id", org.apache.spark.sql.functions.lit("empty"))
        .withColumn("documents", org.apache.spark.sql.functions.lit(0L))
        .write().format("delta").mode("append").save(lake.resolve("runs").toString());
    String message =
        assertThrows(TextClusterException.class, () -> CheckCommand.verify(spark, lake.toString(), "delta", "empty"))
            .getMessage();
    assertTrue(message.contains("clustered 0 documents"), message);
  }

  @Test
  void exportWritesTheRunItsClustersAndABoundedSample() throws Exception {
    Path lake = lakeWithRun("exp", 60, 3);
    Path out = dir.resolve("export");
    String summary = ExportCommand.export(spark, lake.toString(), "delta", "exp", out, 25);
    assertTrue(summary.contains("3 clusters, 25 assignments"), summary);

    ObjectMapper json = new ObjectMapper();
    List<String> runs = Files.readAllLines(out.resolve("runs.jsonl"));
    assertEquals(1, runs.size());
    JsonNode run = json.readTree(runs.get(0));
    assertEquals("succeeded", run.get("status").asText());
    assertEquals(60, run.get("documents").asLong());

    List<String> clusters = Files.readAllLines(out.resolve("clusters.jsonl"));
    assertEquals(3, clusters.size());
    long sizes = 0;
    for (String line : clusters) {
      JsonNode cluster = json.readTree(line);
      sizes += cluster.get("size").asLong();
      assertTrue(cluster.get("keywords").size() > 0, line);
    }
    assertEquals(60, sizes);
    assertEquals(25, Files.readAllLines(out.resolve("assignments.jsonl")).size());

    // The same run always exports the same sample.
    Path again = dir.resolve("again");
    ExportCommand.export(spark, lake.toString(), "delta", "exp", again, 25);
    assertEquals(
        Files.readAllLines(out.resolve("assignments.jsonl")), Files.readAllLines(again.resolve("assignments.jsonl")));
  }

  @Test
  void checkIsASubcommandWithUsage() {
    PrintStream stdout = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      assertEquals(0, TextClusterCli.execute("check", "--help"));
      assertEquals(0, TextClusterCli.execute("export", "--help"));
    } finally {
      System.setOut(stdout);
    }
    String usage = out.toString(StandardCharsets.UTF_8);
    assertTrue(usage.contains("--run") && usage.contains("--lake") && usage.contains("--sample"), usage);
  }
}
