package io.textcluster.io;

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
public final class RunsTable {
  public static final StructType SCHEMA =
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
          .add("predicted_from_run", StringType, true)
          // Attempts of one run id: the latest attempt's number and state, the attempt whose rows are in the tables
          // (a failed re-run keeps the last good result, so these can differ), and why the last failure failed.
          .add("attempt", IntegerType, true)
          .add("current_attempt", IntegerType, true)
          .add("last_attempt_status", StringType, true)
          .add("last_failure", StringType, true)
          .add("rows_missing_id", LongType, true)
          .add("rows_malformed", LongType, true);

  private RunsTable() {}

  public static Dataset<Row> row(SparkSession spark, RunRecord r) {
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
            r.predictedFromRun(),
            r.attempt(),
            r.currentAttempt(),
            r.lastAttemptStatus(),
            r.lastFailure(),
            r.rowsMissingId(),
            r.rowsMalformed());
    return spark.createDataFrame(List.of(row), SCHEMA);
  }

  /**
   * The earlier good row of a run id, kept as it is while a re-run is attempted, with only the attempt columns
   * changed: {@code attempt}'s state, and its failure if it failed. Its own schema is kept (an older release's row may
   * lack columns); the attempt columns are added where missing.
   */
  public static Dataset<Row> kept(SparkSession spark, Row earlier, int attempt, String attemptStatus, String failure) {
    StructType schema = earlier.schema();
    for (String column : List.of("attempt", "current_attempt", "last_attempt_status", "last_failure")) {
      if (!List.of(schema.fieldNames()).contains(column)) {
        schema = schema.add(SCHEMA.apply(column));
      }
    }
    Object[] values = new Object[schema.size()];
    for (int i = 0; i < earlier.size(); i++) {
      values[i] = earlier.get(i);
    }
    values[schema.fieldIndex("attempt")] = attempt;
    values[schema.fieldIndex("last_attempt_status")] = attemptStatus;
    if (failure != null) {
      values[schema.fieldIndex("last_failure")] = failure;
    }
    return spark.createDataFrame(List.of(RowFactory.create(values)), schema);
  }
}
