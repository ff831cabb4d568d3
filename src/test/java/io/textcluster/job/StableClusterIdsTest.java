package io.textcluster.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.support.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cluster.match-run: a re-fit on the corpus grown by a tenth keeps the cluster ids of the earlier run for (nearly)
 * every document both share, records each match, and its saved model assigns the renumbered ids.
 */
@io.textcluster.support.SparkTest
class StableClusterIdsTest {
  private final SparkSession spark;
  @TempDir Path dir;

  StableClusterIdsTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> table(Path lake, String name, String runId) {
    return spark.read().format("delta").load(lake.resolve(name).toString()).where(col("run_id").equalTo(runId));
  }

  /**
   * The claim on all of BBC News: fit on 90%, re-fit on 100% with matching, >= 90% keep their id (measured
   * 1,903 of 1,973, 0.9645); the saved model of the re-fit predicts the renumbered ids.
   */
  @Test
  void aRefitOnTheGrownCorpusKeepsAtLeastNinetyPercentOfIdsAndItsModelPredictsThem() {
    refit("true", 0.90);
  }

  private void refit(String sample, double floor) {
    Dataset<Row> bbc =
        spark.read().option("header", true).option("multiLine", true).option("quote", "\"").option("escape", "\"")
            .csv(SharedData.corpus("bbc_news").resolve("bbc_news.part*.csv").toString())
            .where(sample);
    Path all = dir.resolve("all.parquet");
    Path earlier = dir.resolve("earlier.parquet");
    bbc.coalesce(1).write().parquet(all.toString());
    spark.read().parquet(all.toString()).where("pmod(hash(id, 3), 10) <> 0").coalesce(1).write()
        .parquet(earlier.toString());
    Path lake = dir.resolve("lake");
    // The nightly config, unchanged but for match-run; 5 restarts so the fit itself is stable on the grown corpus.
    TextClusteringJob.run(spark, PredictionJobTest.config(earlier, lake, "kmeans", Map.of("cluster.k", "5", "cluster.restarts", "5")),
        "nightly-1", PredictionJobTest.quiet());
    TextClusteringJob.run(spark, PredictionJobTest.config(all, lake, "kmeans",
        Map.of("cluster.k", "5", "cluster.restarts", "5", "cluster.match-run", "nightly-1")), "nightly-2",
        PredictionJobTest.quiet());

    Dataset<Row> first = table(lake, "assignments", "nightly-1").select(col("doc_id"), col("cluster_id").as("before"));
    Dataset<Row> both = table(lake, "assignments", "nightly-2").join(first, "doc_id");
    long shared = both.count();
    long kept = both.where(col("cluster_id").equalTo(col("before"))).count();
    double share = (double) kept / shared;
    System.out.printf("re-fit with cluster.match-run: %d of %d shared documents keep their cluster id (%.4f)%n",
        kept, shared, share);
    assertEquals(first.count(), shared);
    // (On a 550-article sample the re-fit itself moves more documents: 0.74 kept there.)
    assertTrue(share >= floor, "only " + share + " of the shared documents kept their cluster id");

    List<Row> clusters = table(lake, "clusters", "nightly-2").collectAsList();
    assertEquals(5, clusters.size());
    for (Row c : clusters) {
      assertEquals("nightly-1", c.getAs("matched_from_run"));
      double distance = c.<Double>getAs("match_distance");
      assertTrue(distance >= 0 && distance < 0.5, "match distance " + distance);
      assertTrue(c.getList(c.fieldIndex("centre")).size() > 100);
    }

    // The saved model carries the renumbering: predicting the grown corpus gives the ids the run wrote.
    PredictionJob.run(spark, new PredictionJob.Request(lake.toString(), "delta", "nightly-2", "predict-2", Map.of()),
        PredictionJobTest.quiet());
    Dataset<Row> written = table(lake, "assignments", "nightly-2").select(col("doc_id"), col("cluster_id").as("run"));
    Dataset<Row> predicted = table(lake, "assignments", "predict-2").join(written, "doc_id");
    assertEquals(written.count(), predicted.count());
    assertEquals(0, predicted.where(col("cluster_id").notEqual(col("run"))).count());
  }
}
