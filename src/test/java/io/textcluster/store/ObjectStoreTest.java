package io.textcluster.store;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.support.ChildJvm;
import io.textcluster.support.S3ProxyServer;
import io.textcluster.support.SharedData;
import io.textcluster.support.SparkTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input, config, lake, model and report on s3a:// against a real S3 API (S3Proxy on 127.0.0.1): the CLI's run,
 * predict, report, check and export run in a JVM of their own, as the local launcher runs them, with the S3A settings
 * given only as Spark settings (-Dspark.hadoop.fs.s3a.*), never in the job config. The tables are then read back
 * through s3a by another session.
 */
@SparkTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectStoreTest {
  private static final int EVERY = 8;

  private final SparkSession spark;
  private final String bucket = "tc-" + UUID.randomUUID().toString().substring(0, 8);
  @TempDir Path dir;
  private S3ProxyServer server;

  ObjectStoreTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void startServer() throws Exception {
    server = S3ProxyServer.start(Files.createTempDirectory("s3proxy"));
    server.createBucket(bucket);
    // Only this bucket's settings: the shared session's other file systems stay as they are.
    server.s3aSettingsFor(bucket).forEach(spark.sparkContext().hadoopConfiguration()::set);
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private String s3(String key) {
    return "s3a://" + bucket + "/" + key;
  }

  /** Every EVERY-th BBC article from offset (all five categories), uploaded as CSV through S3A; returns the count. */
  private long uploadBbcSample(String folder, int offset) {
    Dataset<Row> sample =
        spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
            .csv(SharedData.corpus("bbc_news").resolve("bbc_news.part*.csv").toString())
            .where(col("id").cast("int").mod(EVERY).equalTo(offset));
    sample.coalesce(1).write().option("header", "true").option("escape", "\"").mode("overwrite").csv(s3(folder));
    return sample.count();
  }

  @Test
  void runPredictReportCheckAndExportWorkOnS3() throws Exception {
    long fitted = uploadBbcSample("jobs/corpus/fit", 0);
    long fresh = uploadBbcSample("jobs/corpus/new", 4);
    assertTrue(fitted > 200 && fresh > 200, fitted + " / " + fresh);
    // The config lives in the bucket too; its relative input path names objects beside it.
    String config =
        String.join("\n",
            "input { path = \"corpus/fit/*.csv\", format = csv, id-column = id, text-columns = [title, body],",
            "        label-column = label }",
            "text.language = english",
            "cluster { algorithm = kmeans, k = 5, restarts = 1 }",
            "report.map-points = 0",
            "output.path = \"" + s3("lake") + "\"",
            "");
    try (FileSystem fs = server.fileSystem(bucket);
        FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(s3("jobs/bbc.conf")))) {
      out.write(config.getBytes(StandardCharsets.UTF_8));
    }

    Path export = dir.resolve("export");
    String lake = s3("lake");
    List<List<String>> commands = List.of(
        List.of("run", "--config", s3("jobs/bbc.conf"), "--run-id", "fit1"),
        List.of("predict", "--run", "fit1", "--lake", lake, "--input", s3("jobs/corpus/new/*.csv"), "--run-id", "new1"),
        List.of("report", "--run", "new1", "--config", s3("jobs/bbc.conf")),
        List.of("check", "--run", "fit1", "--lake", lake),
        List.of("check", "--run", "new1", "--lake", lake),
        List.of("export", "--run", "fit1", "--lake", lake, "--to", export.toString(), "--sample", "40"),
        List.of("run", "--config", s3("jobs/missing.conf")));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.master", "local[2]");
    settings.put("spark.ui.enabled", "false");
    settings.put("spark.sql.shuffle.partitions", "4");
    server.s3aSettings().forEach((key, value) -> settings.put("spark.hadoop." + key, value));
    ChildJvm.Result result =
        ChildJvm.run(dir, settings, CliSequence.class.getName(), CliSequence.arguments(commands));
    String output = result.output();

    for (String command : List.of("run --config " + s3("jobs/bbc.conf"), "predict", "report", "check --run fit1",
        "check --run new1", "export")) {
      assertEquals(0, CliSequence.exitCode(output, command), command + " failed:\n" + output);
    }
    assertEquals(2, CliSequence.exitCode(output, "run --config " + s3("jobs/missing.conf")), output);
    assertTrue(output.contains("Config file " + s3("jobs/missing.conf") + " does not exist"), output);

    // Read back through s3a by this JVM's session: the Delta tables hold both runs, once each.
    Dataset<Row> assignments = spark.read().format("delta").load(s3("lake/assignments"));
    assertEquals(fitted, assignments.where(col("run_id").equalTo("fit1")).count());
    assertEquals(fresh, assignments.where(col("run_id").equalTo("new1")).count());
    assertEquals(fitted, assignments.where(col("run_id").equalTo("fit1")).select("doc_id").distinct().count());
    assertEquals(5, spark.read().format("delta").load(s3("lake/clusters"))
        .where(col("run_id").equalTo("fit1")).count());
    List<Row> runs = spark.read().format("delta").load(s3("lake/runs")).select("run_id", "status")
        .orderBy("run_id").collectAsList();
    assertEquals("[[fit1,succeeded], [new1,succeeded]]", runs.toString());

    try (FileSystem fs = server.fileSystem(bucket)) {
      for (String key : List.of("lake/assignments/_delta_log", "lake/runs/_delta_log", "lake/models/fit1",
          "lake/reports/fit1.html", "lake/reports/new1.html")) {
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path(s3(key))), key + " is missing");
      }
      long page = fs.getFileStatus(new org.apache.hadoop.fs.Path(s3("lake/reports/fit1.html"))).getLen();
      assertTrue(page > 10_000, "report of " + page + " bytes");
    }
    assertEquals(1, Files.readAllLines(export.resolve("runs.jsonl")).size());
    assertEquals(5, Files.readAllLines(export.resolve("clusters.jsonl")).size());
    assertEquals(40, Files.readAllLines(export.resolve("assignments.jsonl")).size());
  }
}
