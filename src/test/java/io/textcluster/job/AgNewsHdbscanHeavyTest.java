package io.textcluster.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.JobConfig;
import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 003's HDBSCAN at corpus scale, too slow for CI (the 7,600 AG News texts go through the ONNX model first):
 * conf/examples/ag_news_embeddings.conf with cluster.algorithm = hdbscan, fitted on a 5,000-document sample and
 * assigned to all 7,600, reports noise_share and V-measure. Run with:
 * mvn -o test -Dtest=AgNewsHdbscanHeavyTest -Dtest.groups.excluded=none
 * (or: submit/local.sh run --config conf/examples/ag_news_embeddings.conf --set cluster.algorithm=hdbscan
 * --set cluster.density.min-cluster-size=40 --set cluster.density.min-samples=10)
 */
@Tag("heavy")
@SparkTest
class AgNewsHdbscanHeavyTest {
  private final SparkSession spark;
  @TempDir Path temp;

  AgNewsHdbscanHeavyTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void hdbscanCoversTheWholeCorpusThroughSampleAndAssign() {
    JobConfig config =
        JobConfig.load(
            Path.of("conf", "examples", "ag_news_embeddings.conf"),
            Map.of("output.path", temp.resolve("lake").toString(),
                "features.embedding.model-cache", temp.resolve("models").toString(),
                "cluster.algorithm", "hdbscan",
                "cluster.density.sample-size", "5000",
                "cluster.density.min-cluster-size", "40",
                "cluster.density.min-samples", "10"));
    TextClusteringJob.run(spark, config, "hdbscan", System.out);
    Row run = spark.read().format("delta").load(temp.resolve("lake/runs").toString())
        .filter(col("run_id").equalTo("hdbscan")).first();
    Map<String, Double> metrics = run.getJavaMap(run.fieldIndex("metrics"));
    System.out.println("[heavy] ag_news hdbscan metrics " + metrics + " stages "
        + run.getJavaMap(run.fieldIndex("stage_seconds")));
    assertEquals(7600L, (long) run.<Long>getAs("documents"));
    long assigned = spark.read().format("delta").load(temp.resolve("lake/assignments").toString())
        .filter(col("run_id").equalTo("hdbscan").and(col("cluster_id").geq(-1))).count();
    assertEquals(7600L, assigned);
    assertTrue(metrics.containsKey("noise_share") && metrics.containsKey("v_measure"), metrics.toString());
    assertTrue(metrics.get("density_sample_clusters") >= 2, metrics.toString());
  }
}
