package io.textcluster.guided;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.GuidedTopics;
import io.textcluster.support.SharedData;
import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22's figures, too slow for CI (the 7,600 AG News items embedded once, about 3 minutes on 2 idle cores):
 * unguided k-means (k = 4), the same with seed topics for the four classes, and zero-shot topics named after them at
 * the default min-similarity, with what other thresholds would give. Run with:
 * mvn -o test -Dtest=GuidedTopicsAgNewsHeavyTest -Dtest.groups.excluded=none
 */
@Tag("heavy")
@SparkTest
class GuidedTopicsAgNewsHeavyTest {
  private final SparkSession spark;
  @TempDir Path temp;

  GuidedTopicsAgNewsHeavyTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void seedTopicsRaiseAriAndZeroShotTopicsFindTheirClass() {
    String csv = SharedData.corpus("ag_news").resolve("ag_news_test.csv").toString();
    AgNewsTopics runs = new AgNewsTopics(spark, csv, "csv", temp);
    runs.run("unguided", Map.of());
    runs.run("seeded", AgNewsTopics.seeded());
    Map<String, Double> unguided = runs.metrics("unguided");
    Map<String, Double> seeded = runs.metrics("seeded");
    System.out.printf("[heavy] AG News k = 4: unguided ARI %.3f V %.3f; seeded ARI %.3f V %.3f%n",
        unguided.get("adjusted_rand_index"), unguided.get("v_measure"), seeded.get("adjusted_rand_index"),
        seeded.get("v_measure"));

    double threshold = GuidedTopics.NONE.minSimilarity();
    runs.run("zeroshot", AgNewsTopics.zeroShot(threshold));
    Dataset<Row> labels = spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
        .csv(csv).select(col("id").cast("string").as("doc_id"), col("label_name"));
    double[] figures = runs.topicAccuracy("zeroshot", labels);
    System.out.printf("[heavy] zero-shot at min-similarity %.2f: %.1f%% of the documents took a topic, %.1f%% of "
        + "those their own class; ARI of the whole run %.3f%n", threshold, 100 * figures[0], 100 * figures[1],
        runs.metrics("zeroshot").get("adjusted_rand_index"));
    System.out.println("[heavy] thresholds\n"
        + runs.thresholdTable("zeroshot", labels, new double[] {0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7}));
    System.out.println("[heavy] stage seconds " + runs.stageSeconds("unguided") + " " + runs.stageSeconds("seeded"));

    assertTrue(seeded.get("adjusted_rand_index") > unguided.get("adjusted_rand_index"),
        "seeded " + seeded + " unguided " + unguided);
    assertTrue(figures[1] > 0.7, "matched accuracy " + figures[1]);
  }
}
