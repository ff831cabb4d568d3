package io.textcluster.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.textcluster.config.JobConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.support.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code predict} gives new documents exactly the clusters the fitting run gave them: a tenth of the corpus, read again
 * from its source file, is assigned by each method's saved model exactly as the run assigned it (100%). On a 400-
 * article sample of BBC News, k = 4, so each method fits in seconds.
 */
@io.textcluster.support.SparkTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictionJobTest {
  private final SparkSession spark;
  @TempDir static Path dir;
  private Path corpus;
  private Path tenth;

  PredictionJobTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void writeCorpus() {
    Dataset<Row> bbc =
        spark.read().option("header", true).option("multiLine", true).option("quote", "\"").option("escape", "\"")
            .csv(SharedData.corpus("bbc_news").resolve("bbc_news.part*.csv").toString())
            .where("pmod(hash(id), 16) < 3");
    corpus = dir.resolve("bbc_sample.parquet");
    tenth = dir.resolve("bbc_tenth.parquet");
    bbc.coalesce(1).write().parquet(corpus.toString());
    // Read again from the source: the rows of the fitted file whose id hash falls in one tenth.
    spark.read().parquet(corpus.toString()).where("pmod(hash(id, 7), 10) = 0").coalesce(1).write()
        .parquet(tenth.toString());
  }

  static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  static JobConfig config(Path input, Path lake, String algorithm, Map<String, String> extra) {
    String hocon =
        "input { path = \"" + input + "\", format = parquet, id-column = id, text-columns = [title, body], "
            + "label-column = label }\n"
            + "text.language = english\n"
            + "cluster { algorithm = " + algorithm + ", k = 4, restarts = 1, max-iterations = 20 }\n"
            + "describe { representatives = 1, samples = 0, vocabulary-labels = 0 }\n"
            + "evaluate.silhouette = false\n"
            + "report.enabled = false\n"
            + "output.path = \"" + lake + "\"\n";
    return JobConfig.fromConfig(
        ConfigFactory.parseMap(extra).withFallback(ConfigFactory.parseString(hocon)), null);
  }

  private Dataset<Row> assignments(Path lake, String runId) {
    return spark.read().format("delta").load(lake.resolve("assignments").toString())
        .where(col("run_id").equalTo(runId));
  }

  @ParameterizedTest
  @ValueSource(strings = {"kmeans", "bisecting-kmeans", "lbg", "gmm"})
  void predictingATenthOfTheCorpusGivesTheFittedAssignments(String algorithm) {
    Path lake = dir.resolve("lake-" + algorithm);
    String fit = "fit-" + algorithm;
    TextClusteringJob.run(spark, config(corpus, lake, algorithm, Map.of()), fit, quiet());
    RunResult predicted =
        PredictionJob.run(
            spark,
            new PredictionJob.Request(
                lake.toString(), "delta", fit, "predict-" + algorithm, Map.of("input.path", tenth.toString())),
            quiet());

    Dataset<Row> fitted = assignments(lake, fit).select(col("doc_id"), col("cluster_id").as("fitted"),
        col("distance").as("fitted_distance"));
    Dataset<Row> again = assignments(lake, "predict-" + algorithm);
    long expected = spark.read().parquet(tenth.toString()).count();
    Dataset<Row> both = again.join(fitted, "doc_id");
    long same = both.where(col("cluster_id").equalTo(col("fitted"))).count();
    System.out.printf("predict %s: %d of %d documents keep their fitted cluster%n", algorithm, same, expected);
    assertTrue(expected > 25, "the tenth holds " + expected + " documents");
    assertEquals(expected, predicted.documents());
    assertEquals(expected, both.count());
    assertEquals(expected, same, algorithm + ": predicted clusters differ from the fitted ones");
    assertEquals(0, both.where(col("distance").minus(col("fitted_distance")).gt(1e-9)).count());
    if (algorithm.equals("gmm")) {
      assertEquals(0, both.where(col("probability").isNull()).count());
    }
    Row run = spark.read().format("delta").load(lake.resolve("runs").toString())
        .where(col("run_id").equalTo("predict-" + algorithm)).first();
    assertEquals("succeeded", run.getAs("status"));
    assertEquals(fit, run.getAs("predicted_from_run"));
    assertEquals(algorithm, run.getAs("algorithm"));
  }

  @Test
  void predictRefusesARunThatIsNotInTheLakeAndKeysOutsideInput() {
    Path lake = dir.resolve("lake-missing");
    TextClusterException missing = assertThrows(TextClusterException.class, () -> PredictionJob.run(spark,
        new PredictionJob.Request(lake.toString(), "delta", "nope", "p1", Map.of()), quiet()));
    assertTrue(missing.getMessage().contains("--lake"), missing.getMessage());
    TextClusterException key = assertThrows(TextClusterException.class, () -> PredictionJob.run(spark,
        new PredictionJob.Request(lake.toString(), "delta", "nope", "p1", Map.of("cluster.k", "3")), quiet()));
    assertTrue(key.getMessage().contains("cluster.k"), key.getMessage());
  }

}
