package io.textcluster.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.delta.tables.DeltaTable;
import io.textcluster.config.JobConfig;
import io.textcluster.job.TextClusteringJob;
import io.textcluster.support.ChildCli;
import io.textcluster.support.SmallCorpus;
import io.textcluster.support.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real faults and hostile inputs through the command line in a JVM of its own, as a user meets them: a full disk,
 * corrupted input files (random bytes, truncation, mixed encodings), usage errors. Each ends with the promised exit
 * code, one clear line and no stack trace (at most 5 "at" lines, unless --debug asks for it), and a consistent lake:
 * the runs row agrees with the exit code, a failed run has no rows, earlier good rows are intact.
 */
@SparkTest
@Tag("heavy")
class FaultInjectionTest {
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  private static final int MAX_TRACE_LINES = 5;

  private final SparkSession spark;
  @TempDir Path dir;

  FaultInjectionTest(SparkSession spark) {
    this.spark = spark;
  }

  private Path conf(Path csv, Path lake, int k) throws Exception {
    return Files.writeString(dir.resolve("job-" + k + ".conf"), SmallCorpus.config(csv, lake, k));
  }

  private static ChildCli.Result cli(String... args) throws Exception {
    return ChildCli.run(Map.of(), null, args);
  }

  private static void assertOneClearLine(ChildCli.Result result, int exitCode, String says) {
    assertEquals(exitCode, result.exitCode(), result.text());
    assertTrue(result.traceLines() <= MAX_TRACE_LINES, result.traceLines() + " stack-trace lines:\n" + result.text());
    assertTrue(result.text().contains(says), "expected \"" + says + "\" in:\n" + result.text());
  }

  /** The runs row agrees with the exit code; a failed attempt left no rows unless an earlier good result is kept. */
  private void assertConsistent(Path lake, String runId, int exitCode, long goodRowsBefore) {
    String runs = lake.resolve("runs").toString();
    if (!Files.exists(lake.resolve("runs")) || !DeltaTable.isDeltaTable(spark, runs)) {
      assertTrue(exitCode != 0, "a run that succeeded wrote no runs row");
      return;
    }
    List<Row> rows = spark.read().format("delta").load(runs).where(col("run_id").equalTo(runId)).collectAsList();
    long assignments = Files.exists(lake.resolve("assignments"))
        ? spark.read().format("delta").load(lake.resolve("assignments").toString())
            .where(col("run_id").equalTo(runId)).count() : 0;
    if (exitCode == 2) {
      assertTrue(rows.isEmpty(), "a usage error starts no run: " + rows);
      return;
    }
    assertEquals(1, rows.size());
    Row row = rows.get(0);
    assertEquals(exitCode == 0 ? "succeeded" : "failed", row.getAs("last_attempt_status"));
    assertEquals(goodRowsBefore > 0 || exitCode == 0 ? "succeeded" : "failed", row.getAs("status"));
    if (exitCode != 0) {
      assertEquals(goodRowsBefore, assignments, "a failed attempt leaves the earlier rows as they were");
    }
  }

  @Test
  void usageErrorsExitTwoBeforeSpark() throws Exception {
    Path csv = SmallCorpus.write(dir.resolve("c.csv"), 30, 1);
    Path lake = dir.resolve("lake");
    ChildCli.Result badId = cli("run", "--config", conf(csv, lake, 3).toString(), "--run-id", "../escape");
    assertOneClearLine(badId, 2, "--run-id");
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    ChildCli.Result outputFile =
        cli("run", "--config", conf(csv, file, 3).toString(), "--run-id", "r1");
    assertOneClearLine(outputFile, 2, "'output.path'");
    assertTrue(outputFile.text().contains("is a file"), outputFile.text());
  }

  /** Random bytes and a truncated file where Parquet is expected; a CSV mixing Latin-1 bytes into UTF-8. */
  @Test
  void corruptedInputFilesFailInOneLineAndMixedEncodingsAreRepaired() throws Exception {
    Path csv = SmallCorpus.write(dir.resolve("c.csv"), 60, 2);
    Path lake = dir.resolve("lake");
    TextClusteringJob.run(spark, JobConfig.load(conf(csv, lake, 3), Map.of()), "good", QUIET);
    long good = spark.read().format("delta").load(lake.resolve("assignments").toString()).count();

    byte[] random = new byte[64 * 1024];
    new Random(3).nextBytes(random);
    Path noise = Files.createDirectories(dir.resolve("noise"));
    Files.write(noise.resolve("part-0.parquet"), random);
    ChildCli.Result garbage = cli("run", "--config", conf(csv, lake, 3).toString(), "--run-id", "good",
        "--set", "input.path=" + noise, "--set", "input.format=parquet");
    assertOneClearLine(garbage, 1, "input");
    assertConsistent(lake, "good", 1, good);

    Path parquet = dir.resolve("whole");
    spark.read().option("header", true).csv(csv.toString()).coalesce(1).write().parquet(parquet.toString());
    Path part = Files.list(parquet).filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    byte[] bytes = Files.readAllBytes(part);
    Path cut = Files.createDirectories(dir.resolve("cut"));
    Files.write(cut.resolve("part-0.parquet"), Arrays.copyOf(bytes, bytes.length / 2));
    ChildCli.Result truncated = cli("run", "--config", conf(csv, lake, 3).toString(), "--run-id", "cut",
        "--set", "input.path=" + cut, "--set", "input.format=parquet");
    assertOneClearLine(truncated, 1, "input");
    assertConsistent(lake, "cut", 1, 0);

    // Latin-1 "café" and "naïve" inside a UTF-8 file: the run succeeds, the rows are counted as repaired.
    Path mixed = dir.resolve("mixed.csv");
    Files.copy(csv, mixed);
    Files.write(mixed, "900,caf\u00e9 market shares na\u00efve bank profit,3\n".getBytes(StandardCharsets.ISO_8859_1),
        java.nio.file.StandardOpenOption.APPEND);
    ChildCli.Result repaired = cli("run", "--config", conf(mixed, lake, 3).toString(), "--run-id", "mixed");
    assertOneClearLine(repaired, 0, "1 with invalid UTF-8 repaired");
    assertConsistent(lake, "mixed", 0, 0);
  }

  /** The console check can fail: with --debug the trace is printed, so the same case shows more than 5 "at" lines. */
  @Test
  void aRunFailureIsOneLineAndDebugShowsTheTrace() throws Exception {
    Path csv = SmallCorpus.write(dir.resolve("c.csv"), 30, 4);
    Path lake = dir.resolve("lake");
    ChildCli.Result failed = cli("run", "--config", conf(csv, lake, 500).toString(), "--run-id", "big");
    assertOneClearLine(failed, 1, "cluster.k");
    assertConsistent(lake, "big", 1, 0);
    ChildCli.Result debug = cli("--debug", "run", "--config", conf(csv, lake, 500).toString(), "--run-id", "big");
    assertEquals(1, debug.exitCode(), debug.text());
    assertTrue(debug.traceLines() > MAX_TRACE_LINES, "--debug prints the trace:\n" + debug.text());
  }

  /**
   * A full disk: the lake on a 2 MB tmpfs (mounted here when the tests run as root, as CI does), filled so that the
   * re-run's model and tables cannot be written. Hadoop's local file system throws FSError (a java.lang.Error).
   */
  @Test
  void aFullDiskFailsCleanlyAndKeepsTheLastGoodResult() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root (CI runs as root)");
    Path mount = Files.createDirectories(dir.resolve("small-disk"));
    Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString())
        .redirectErrorStream(true).start();
    String mountOutput = new String(mounting.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(mounting.waitFor() == 0, "cannot mount a tmpfs here (" + mountOutput.strip() + ")");
    try {
      Path csv = SmallCorpus.write(dir.resolve("c.csv"), 120, 5);
      Path lake = mount.resolve("lake");
      TextClusteringJob.run(spark, JobConfig.load(conf(csv, lake, 3), Map.of()), "nightly", QUIET);
      long good = spark.read().format("delta").load(lake.resolve("assignments").toString()).count();
      // Leave 112 KB: room for the runs row's two updates (running, failed: about 30 KB each on tmpfs's 4 KB
      // pages), not for a model of some 40 small files; undoing the attempt frees what it wrote.
      long free = Files.getFileStore(mount).getUsableSpace();
      Files.write(mount.resolve("filler"), new byte[(int) Math.max(0, free - 112 * 1024)]);
      ChildCli.Result full = cli("run", "--config", conf(csv, lake, 2).toString(), "--run-id", "nightly");
      assertOneClearLine(full, 1, "disk is full");
      Files.delete(mount.resolve("filler"));
      assertTrue(full.text().contains("output.path"), full.text());
      assertConsistent(lake, "nightly", 1, good);
      // With room again (the disk grown, as an operator would free or add space: the failed attempt's undo and the
      // Delta log's restore commits need pages of their own on 2 MB), the same run id lands exactly once.
      Process growing = new ProcessBuilder("mount", "-o", "remount,size=32m", mount.toString())
          .redirectErrorStream(true).start();
      String growOutput = new String(growing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, growing.waitFor(), "remounting the tmpfs larger failed: " + growOutput);
      ChildCli.Result rerun = cli("run", "--config", conf(csv, lake, 2).toString(), "--run-id", "nightly");
      assertOneClearLine(rerun, 0, "nightly");
      assertEquals(120, spark.read().format("delta").load(lake.resolve("assignments").toString())
          .where(col("run_id").equalTo("nightly")).select("doc_id").distinct().count());
      assertConsistent(lake, "nightly", 0, good);
    } finally {
      new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
    }
  }
}
