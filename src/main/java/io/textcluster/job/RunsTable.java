package io.textcluster.job;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** The runs table: one row per run_id, rewritten as the run moves from running to succeeded or failed. */
final class RunsTable {
  static final StructType SCHEMA =
      new StructType()
          .add("run_id", StringType, false)
          .add("status", StringType, false)
          .add("started_at", TimestampType, false)
          .add("finished_at", TimestampType, true)
          .add("config", StringType, false)
          .add("input", StringType, false)
          .add("input_format", StringType, false)
          .add("input_delta_version", LongType, true)
          .add("rows_read", LongType, false)
          .add("rows_empty_text", LongType, false)
          .add("rows_duplicate_id", LongType, false)
          .add("rows_invalid_utf8", LongType, false)
          .add("rows_without_terms", LongType, false)
          .add("documents", LongType, false)
          .add("features", StringType, true)
          .add("algorithm", StringType, false)
          .add("k", IntegerType, false)
          .add("metrics", createMapType(StringType, DoubleType, false), false)
          .add("stage_seconds", createMapType(StringType, DoubleType, false), false)
          .add("versions", createMapType(StringType, StringType, false), false)
          .add("error", StringType, true)
          .add("predicted_from_run", StringType, true);

  private RunsTable() {}

  static Dataset<Row> row(SparkSession spark, RunRecord r) {
    Row row =
        RowFactory.create(
            r.runId(),
            r.status(),
            r.startedAt(),
            r.finishedAt(),
            r.configJson(),
            r.input(),
            r.inputFormat(),
            r.inputDeltaVersion(),
            r.rowsRead(),
            r.rowsEmptyText(),
            r.rowsDuplicateId(),
            r.rowsInvalidUtf8(),
            r.rowsWithoutTerms(),
            r.documents(),
            r.features(),
            r.algorithm(),
            r.k(),
            r.metrics(),
            r.stageSeconds(),
            r.versions(),
            r.error(),
            r.predictedFromRun());
    return spark.createDataFrame(List.of(row), SCHEMA);
  }
}
