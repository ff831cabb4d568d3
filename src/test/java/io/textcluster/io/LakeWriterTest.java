package io.textcluster.io;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.textcluster.config.OutputConfig;
import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class LakeWriterTest {
  private final SparkSession spark;
  @TempDir Path dir;

  LakeWriterTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> rows(String runId, int n) {
    return spark.range(n).selectExpr("'" + runId + "' AS run_id", "CAST(id AS STRING) AS doc_id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"delta", "parquet"})
  void rerunReplacesItsRowsAndNewRunsAddBeside(String format) {
    LakeWriter lake = new LakeWriter(spark, new OutputConfig(dir.toString(), format, false));
    lake.deleteRun("assignments", "a");
    lake.replaceRun("assignments", "a", rows("a", 5));
    lake.replaceRun("assignments", "a", rows("a", 5));
    assertEquals(5, lake.read("assignments").count());
    lake.replaceRun("assignments", "b", rows("b", 3));
    assertEquals(8, lake.read("assignments").count());
    lake.replaceRun("assignments", "a", rows("a", 2));
    assertEquals(2, lake.read("assignments").filter(col("run_id").equalTo("a")).count());
    assertEquals(3, lake.read("assignments").filter(col("run_id").equalTo("b")).count());
    lake.deleteRun("assignments", "a");
    assertEquals(3, lake.read("assignments").count());
    lake.deleteRun("never_written", "a");
  }

  @org.junit.jupiter.api.Test
  void runsTableKeepsOneRowPerRun() {
    LakeWriter lake = new LakeWriter(spark, new OutputConfig(dir.toString(), "delta", false));
    lake.replaceRun("runs", "a", rows("a", 1));
    lake.replaceRun("runs", "b", rows("b", 1));
    lake.replaceRun("runs", "a", rows("a", 1));
    assertEquals(2, lake.read("runs").count());
  }

  @org.junit.jupiter.api.Test
  void runIdsThatCouldBreakThePredicateAreRefused() {
    org.junit.jupiter.api.Assertions.assertFalse(LakeWriter.isValidRunId("a' OR '1'='1"));
    org.junit.jupiter.api.Assertions.assertFalse(LakeWriter.isValidRunId(""));
    org.junit.jupiter.api.Assertions.assertTrue(LakeWriter.isValidRunId("20261123-141503-3f9a"));
  }
}
