package io.textcluster.job;

import io.textcluster.io.RunRecord;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.textcluster.config.JobConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.io.LakeTables;
import io.textcluster.support.SmallCorpus;
import io.textcluster.support.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run lifecycle shared by run and predict: any Throwable (checked, Error) ends in a failed attempt whose writes are
 * taken back; a cleanup that throws never hides the cause; a failed re-run keeps the last good result of its run id.
 */
@SparkTest
class RunLifecycleTest {
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  private final SparkSession spark;
  @TempDir Path dir;

  RunLifecycleTest(SparkSession spark) {
    this.spark = spark;
  }

  private JobConfig config(Path csv, Path lake, int k) {
    return JobConfig.fromConfig(ConfigFactory.parseString(SmallCorpus.config(csv, lake, k)), dir);
  }

  private Dataset<Row> table(Path lake, String name) {
    return spark.read().format("delta").load(lake.resolve(name).toString());
  }

  private Row runsRow(Path lake, String runId) {
    return table(lake, "runs").where(col("run_id").equalTo(runId)).first();
  }

  /** A checked exception from a stage, then a release that throws: the stage's failure is what the caller gets. */
  @Test
  void aCheckedFailureAndAThrowingCleanupLeaveTheRunFailedWithItsCause() throws Exception {
    Path csv = SmallCorpus.write(dir.resolve("c.csv"), 30, 5);
    Path lake = dir.resolve("lake");
    JobConfig config = config(csv, lake, 3);
    IllegalStateException releaseFailure = new IllegalStateException("the broadcast was already gone");
    RuntimeException thrown = assertThrows(RuntimeException.class, () ->
        new RunLifecycle(spark, config.output(), "checked", QUIET).run(
            (status, metrics, error) -> RunRecord.of("checked", status, new java.sql.Timestamp(0), config, null, false,
                0, new RunRecord.Model(null, "kmeans", 3, null), metrics, Map.of(), Map.of(), error),
            (writes, attempt) -> {
              writes.replaceRun(LakeTables.ASSIGNMENTS, spark.sql("SELECT 'checked' AS run_id, '1' AS doc_id"));
              throw new TimeoutException("the embeddings API did not answer in 30 s");
            },
            (result, writes) -> {},
            () -> {
              throw releaseFailure;
            }));
    assertTrue(thrown.getMessage().contains("TimeoutException: the embeddings API did not answer"), thrown.getMessage());
    assertTrue(java.util.List.of(thrown.getSuppressed()).contains(releaseFailure), "the release failure is suppressed");
    Row run = runsRow(lake, "checked");
    assertEquals("failed", run.getAs("status"));
    assertEquals("failed", run.getAs("last_attempt_status"));
    assertTrue(run.<String>getAs("error").contains("did not answer"), run.<String>getAs("error"));
    assertEquals(0, table(lake, "assignments").where(col("run_id").equalTo("checked")).count(),
        "the attempt's rows are taken back");
  }

  /** A java.lang.Error from a stage (as Hadoop's FSError is) is handled like any failure, not skipped. */
  @Test
  void anErrorFromAStageIsRecordedAsAFailure() throws Exception {
    Path csv = SmallCorpus.write(dir.resolve("c.csv"), 30, 6);
    Path lake = dir.resolve("lake");
    JobConfig config = config(csv, lake, 3);
    AssertionError error = new AssertionError("a stage broke an invariant");
    RuntimeException thrown = assertThrows(RuntimeException.class, () ->
        new RunLifecycle(spark, config.output(), "error", QUIET).run(
            (status, metrics, e) -> RunRecord.of("error", status, new java.sql.Timestamp(0), config, null, false, 0,
                new RunRecord.Model(null, "kmeans", 3, null), metrics, Map.of(), Map.of(), e),
            (writes, attempt) -> {
              throw error;
            },
            (result, writes) -> {},
            () -> {}));
    assertSame(error, thrown.getCause());
    assertEquals("failed", runsRow(lake, "error").getAs("status"));
  }

  /**
   * A re-run that fails after replacing some of its tables (here the clusters table cannot take its rows: its size
   * column was made a string) puts back the earlier attempt's rows and model; the runs row says attempt 2 failed
   * and attempt 1 is current. The next good attempt replaces everything exactly once.
   */
  @Test
  void aFailedRerunKeepsTheLastGoodResult() throws Exception {
    Path csv = SmallCorpus.write(dir.resolve("c.csv"), 90, 7);
    Path lake = dir.resolve("lake");
    TextClusteringJob.run(spark, config(csv, lake, 3), "nightly", QUIET);
    Path model = lake.resolve("models/nightly");
    long modelFiles = Files.walk(model).count();
    assertEquals(3, table(lake, "assignments").select("cluster_id").distinct().count());
    // Another release wrote the clusters table with a string size: a real schema conflict for the next write.
    table(lake, "clusters").withColumn("size", col("size").cast("string")).write().format("delta").mode("overwrite")
        .option("overwriteSchema", "true").partitionBy("run_id").save(lake.resolve("clusters").toString());

    RuntimeException failed = assertThrows(RuntimeException.class,
        () -> TextClusteringJob.run(spark, config(csv, lake, 2), "nightly", QUIET));
    Dataset<Row> assignments = table(lake, "assignments").where(col("run_id").equalTo("nightly"));
    assertEquals(90, assignments.count());
    assertEquals(3, assignments.select("cluster_id").distinct().count(), "the k = 3 attempt's rows, not k = 2's");
    assertEquals(3, table(lake, "clusters").where(col("run_id").equalTo("nightly")).count());
    assertEquals(modelFiles, Files.walk(model).count(), "the earlier model is in place");
    assertFalse(Files.list(lake.resolve("models")).anyMatch(p -> p.getFileName().toString().startsWith(".")),
        "no temporary model folder is left");
    Row run = runsRow(lake, "nightly");
    assertEquals("succeeded", run.getAs("status"), "the result in the tables is still the good one");
    assertEquals(2, (int) run.<Integer>getAs("attempt"));
    assertEquals(1, (int) run.<Integer>getAs("current_attempt"));
    assertEquals("failed", run.getAs("last_attempt_status"));
    assertTrue(run.<String>getAs("last_failure").contains("size"), run.<String>getAs("last_failure") + " / "
        + failed.getMessage());

    // Fixing the table (back to its own schema) lets the next attempt land once.
    table(lake, "clusters").withColumn("size", col("size").cast("long")).write().format("delta").mode("overwrite")
        .option("overwriteSchema", "true").partitionBy("run_id").save(lake.resolve("clusters").toString());
    TextClusteringJob.run(spark, config(csv, lake, 2), "nightly", QUIET);
    assignments = table(lake, "assignments").where(col("run_id").equalTo("nightly"));
    assertEquals(90, assignments.count());
    assertEquals(90, assignments.select("doc_id").distinct().count());
    assertEquals(2, table(lake, "clusters").where(col("run_id").equalTo("nightly")).count());
    run = runsRow(lake, "nightly");
    assertEquals(1, table(lake, "runs").where(col("run_id").equalTo("nightly")).count());
    assertEquals("succeeded", run.getAs("status"));
    assertEquals(3, (int) run.<Integer>getAs("current_attempt"));
    assertEquals("succeeded", run.getAs("last_attempt_status"));
  }

  /** A new run id that fails leaves no rows, no model, and a runs row that says failed: nothing to keep. */
  @Test
  void aFailedFirstAttemptLeavesNoRows() throws Exception {
    Path csv = SmallCorpus.write(dir.resolve("c.csv"), 30, 8);
    Path lake = dir.resolve("lake");
    assertThrows(TextClusterException.class, () -> TextClusteringJob.run(spark, config(csv, lake, 500), "big", QUIET));
    Row run = runsRow(lake, "big");
    assertEquals("failed", run.getAs("status"));
    assertNull(run.getAs("current_attempt"));
    assertFalse(Files.exists(lake.resolve("models/big")));
    assertFalse(Files.exists(lake.resolve("assignments")), "no table was created for the failed run");
  }

  /**
   * A Parquet lake has no time travel: the run's partitions are moved aside (to a hidden folder) before being
   * replaced, and moved back when the attempt fails. Here the clusters table's folder became a file, so the re-run
   * fails after replacing its assignments.
   */
  @Test
  void aParquetLakeAlsoKeepsTheLastGoodResult() throws Exception {
    Path csv = SmallCorpus.write(dir.resolve("c.csv"), 60, 9);
    Path lake = dir.resolve("lake");
    String hocon = SmallCorpus.config(csv, lake, 3) + "output.format = parquet\n";
    TextClusteringJob.run(spark, JobConfig.fromConfig(ConfigFactory.parseString(hocon), dir), "p", QUIET);
    java.nio.file.Path clusters = lake.resolve("clusters");
    try (var files = Files.walk(clusters)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
    Files.writeString(clusters, "not a table");
    String k2 = hocon.replace("k = 3", "k = 2");
    assertThrows(RuntimeException.class,
        () -> TextClusteringJob.run(spark, JobConfig.fromConfig(ConfigFactory.parseString(k2), dir), "p", QUIET));
    Dataset<Row> assignments = spark.read().parquet(lake.resolve("assignments").toString())
        .where(col("run_id").equalTo("p"));
    assertEquals(60, assignments.count());
    assertEquals(3, assignments.select("cluster_id").distinct().count(), "the k = 3 attempt's rows are back");
    Row run = spark.read().parquet(lake.resolve("runs").toString()).where(col("run_id").equalTo("p")).first();
    assertEquals("succeeded", run.getAs("status"));
    assertEquals("failed", run.getAs("last_attempt_status"));
    assertTrue(Files.isDirectory(lake.resolve("models/p")));
  }
}
