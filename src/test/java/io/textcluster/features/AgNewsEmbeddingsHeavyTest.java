package io.textcluster.features;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.JobConfig;
import io.textcluster.job.TextClusteringJob;
import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance run, too slow for CI (about 150 s of inference on 2 cores): conf/examples/ag_news_embeddings.conf
 * on all 7,600 documents reaches V-measure and ARI >= 0.60 in the runs table, and a second run of the same config
 * takes every vector from the cache. Run with: mvn -o test -Dtest=AgNewsEmbeddingsHeavyTest -Dtest.groups.excluded=none
 */
@Tag("heavy")
@SparkTest
class AgNewsEmbeddingsHeavyTest {
  private final SparkSession spark;
  @TempDir Path temp;

  AgNewsEmbeddingsHeavyTest(SparkSession spark) {
    this.spark = spark;
  }

  private Row run(String runId) {
    JobConfig config =
        JobConfig.load(
            Path.of("conf", "examples", "ag_news_embeddings.conf"),
            Map.of("output.path", temp.resolve("lake").toString(),
                "features.embedding.model-cache", temp.resolve("models").toString()));
    TextClusteringJob.run(spark, config, runId, System.out);
    return spark.read().format("delta").load(temp.resolve("lake/runs").toString())
        .filter(col("run_id").equalTo(runId)).first();
  }

  @Test
  void agNewsEmbeddingsClusterByTopicAndReRunsHitTheCache() {
    Row first = run("first");
    Map<String, Double> metrics = first.getJavaMap(first.fieldIndex("metrics"));
    System.out.println("[heavy] first run metrics " + metrics + " stages " + first.getJavaMap(first.fieldIndex("stage_seconds")));
    assertEquals(7600L, (long) first.<Long>getAs("documents"));
    assertTrue(metrics.get("v_measure") >= 0.60, "V-measure " + metrics.get("v_measure"));
    assertTrue(metrics.get("adjusted_rand_index") >= 0.60, "ARI " + metrics.get("adjusted_rand_index"));

    Row second = run("second");
    Map<String, Double> again = second.getJavaMap(second.fieldIndex("metrics"));
    System.out.println("[heavy] second run metrics " + again + " stages " + second.getJavaMap(second.fieldIndex("stage_seconds")));
    assertEquals(7600.0, again.get("embedding_cache_hits"));
    assertEquals(0.0, again.get("embedding_texts_embedded"));
  }
}
