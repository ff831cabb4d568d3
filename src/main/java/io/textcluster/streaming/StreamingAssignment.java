package io.textcluster.streaming;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.textcluster.io.LakeWriter;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Assigns documents as they arrive: Structured Streaming reads new JSON Lines files ({@code doc_id}, {@code text})
 * from a folder, a fitted run's saved PipelineModel assigns each micro-batch, and foreachBatch appends the rows to the
 * Delta {@code assignments} table under the stream's own run_id. Exactly once across restarts: the checkpoint records
 * which files each batch read, and each append carries Delta's idempotent-write options ({@code txnAppId} = the
 * stream's run id, {@code txnVersion} = the batch id), so a batch replayed after a crash between the write and the
 * checkpoint's commit is skipped by Delta instead of written twice. See docs/streaming.md.
 */
public final class StreamingAssignment {
  public static final String BATCH_ID = "stream_batch_id";
  /** What the stream reads: one JSON object per line with at least these two fields. */
  public static final StructType INPUT =
      new StructType().add(Columns.DOC_ID, DataTypes.StringType).add(Columns.TEXT, DataTypes.StringType);

  private StreamingAssignment() {}

  /**
   * @param model the fitted run's PipelineModel ({@code <lake>/models/<run_id>})
   * @param assignmentsPath the Delta assignments table ({@code <lake>/assignments})
   * @param runId the run_id the stream's rows carry, and its idempotent-write id
   * @param availableNow true: process what is there and stop (a scheduled job); false: every 10 seconds
   */
  public static StreamingQuery start(
      SparkSession spark, String inputFolder, PipelineModel model, String assignmentsPath, String runId,
      String checkpoint, boolean availableNow) throws TimeoutException {
    LakeWriter.requireValidRunId(runId, "the stream's run id");
    Dataset<Row> documents = spark.readStream().schema(INPUT).json(inputFolder);
    return documents.writeStream()
        .option("checkpointLocation", checkpoint)
        .trigger(availableNow ? Trigger.AvailableNow() : Trigger.ProcessingTime("10 seconds"))
        .foreachBatch(batchWriter(model, assignmentsPath, runId))
        .start();
  }

  /** The foreachBatch body: assign, then one idempotent Delta append per batch id. */
  public static VoidFunction2<Dataset<Row>, Long> batchWriter(
      PipelineModel model, String assignmentsPath, String runId) {
    return (batch, batchId) -> {
      Dataset<Row> assigned =
          model.transform(batch.where(col(Columns.TEXT).isNotNull()))
              .select(
                  lit(runId).as(LakeWriter.RUN_ID), col(Columns.DOC_ID), col(Columns.CLUSTER_ID),
                  lit(batchId).as(BATCH_ID));
      assigned.write()
          .format("delta")
          .mode(SaveMode.Append)
          .option("txnAppId", runId)
          .option("txnVersion", batchId)
          .option("mergeSchema", "true")
          .partitionBy(LakeWriter.RUN_ID)
          .save(assignmentsPath);
    };
  }
}
