package io.textcluster.streaming;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.textcluster.config.JobConfig;
import io.textcluster.job.TextClusteringJob;
import io.textcluster.support.SmallCorpus;
import io.textcluster.support.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fitted run's saved model assigns documents arriving in a folder: the query is stopped and restarted from its
 * checkpoint with new files in between, and a batch is replayed as after a crash between the Delta write and the
 * checkpoint's commit; every document ends up in assignments exactly once.
 */
@SparkTest
class StreamingAssignmentTest {
  private static final String[][] TOPICS = {
    {"football", "match", "goal", "league", "striker", "coach"},
    {"market", "shares", "profit", "bank", "investors", "economy"},
    {"software", "computer", "internet", "phone", "users", "network"}
  };

  private final SparkSession spark;
  @TempDir Path dir;

  StreamingAssignmentTest(SparkSession spark) {
    this.spark = spark;
  }

  private void writeArrivals(Path folder, String name, int from, int to) throws Exception {
    Random random = new Random(from);
    StringBuilder lines = new StringBuilder();
    for (int i = from; i < to; i++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 10; w++) {
        text.append(TOPICS[i % 3][random.nextInt(6)]).append(' ');
      }
      lines.append("{\"doc_id\": \"new-").append(i).append("\", \"text\": \"").append(text.toString().trim())
          .append("\"}\n");
    }
    // Written aside and moved in, as a landing folder should receive files: the stream never sees half a file.
    Path temporary = dir.resolve(name + ".tmp");
    Files.writeString(temporary, lines.toString(), StandardCharsets.UTF_8);
    Files.move(temporary, folder.resolve(name + ".json"));
  }

  @Test
  void everyArrivingDocumentIsAssignedExactlyOnceAcrossARestart() throws Exception {
    Path lake = dir.resolve("lake");
    Path csv = SmallCorpus.write(dir.resolve("corpus.csv"), 150, 3);
    JobConfig config = JobConfig.fromConfig(ConfigFactory.parseString(SmallCorpus.config(csv, lake, 3)
        + "report.enabled = false\nevaluate.silhouette = false\ndescribe { samples = 0, vocabulary-labels = 0 }\n"),
        null);
    TextClusteringJob.run(spark, config, "fit-1", new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    PipelineModel model = PipelineModel.load(lake.resolve("models").resolve("fit-1").toString());
    String assignments = lake.resolve("assignments").toString();
    Path landing = Files.createDirectories(dir.resolve("landing"));
    String checkpoint = dir.resolve("checkpoint").toString();

    writeArrivals(landing, "a", 0, 40);
    writeArrivals(landing, "b", 40, 70);
    StreamingQuery first =
        StreamingAssignment.start(spark, landing.toString(), model, assignments, "stream-1", checkpoint, true);
    first.awaitTermination();
    assertEquals(70, stream(assignments).count());

    writeArrivals(landing, "c", 70, 100);
    StreamingQuery second =
        StreamingAssignment.start(spark, landing.toString(), model, assignments, "stream-1", checkpoint, true);
    second.awaitTermination();

    // A crash after batch 0's Delta commit but before the checkpoint's: the batch runs again with the same id.
    Dataset<Row> replay = spark.read().schema(StreamingAssignment.INPUT).json(landing.resolve("a.json").toString());
    StreamingAssignment.batchWriter(model, assignments, "stream-1").call(replay, 0L);

    Dataset<Row> written = stream(assignments);
    assertEquals(100, written.count(), "every arriving document once");
    assertEquals(100, written.select("doc_id").distinct().count());
    assertTrue(written.select("stream_batch_id").distinct().count() >= 2, "the restart ran its own batch");
    List<Integer> fitted = spark.read().format("delta").load(assignments).where("run_id = 'fit-1'")
        .select("cluster_id").distinct().as(org.apache.spark.sql.Encoders.INT()).collectAsList();
    assertEquals(0, written.where(col("cluster_id").isin(fitted.toArray()).unary_$bang()).count());
    assertEquals(150, spark.read().format("delta").load(assignments).where("run_id = 'fit-1'").count(),
        "the fitted run's rows are untouched");
  }

  private Dataset<Row> stream(String assignments) {
    return spark.read().format("delta").load(assignments).where("run_id = 'stream-1'");
  }
}
