package io.textcluster.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.JobConfig;
import io.textcluster.support.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Describing and evaluating the clusters costs a fixed number of Spark jobs, whatever k is: per-cluster figures come
 * from shared aggregations, never from a job per cluster. Counted with a SparkListener on the stages' job groups.
 */
@SparkTest
class DescribeJobCountTest {
  /** Describe + evaluate ran 24 Spark jobs on BBC News before they shared their scans (commit 9361b82). */
  static final int JOBS_BEFORE_ONE_PASS = 24;

  private final SparkSession spark;
  @TempDir Path lake;

  DescribeJobCountTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void describeAndEvaluateRunTheSameJobsForFiveAndTwentyClusters() throws Exception {
    int five = jobsOfDescribeAndEvaluate(5);
    int twenty = jobsOfDescribeAndEvaluate(20);
    System.out.printf("describe + evaluate Spark jobs on BBC News: k = 5: %d, k = 20: %d%n", five, twenty);
    assertEquals(five, twenty, "the job count must not grow with k");
    assertTrue(five <= JOBS_BEFORE_ONE_PASS / 2, five + " jobs, more than half of " + JOBS_BEFORE_ONE_PASS);
  }

  private int jobsOfDescribeAndEvaluate(int k) throws Exception {
    AtomicInteger jobs = new AtomicInteger();
    SparkListener counter =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart start) {
            String group = start.properties() == null ? null : start.properties().getProperty("spark.jobGroup.id");
            if (group != null && (group.endsWith("-describe") || group.endsWith("-evaluate"))) {
              jobs.incrementAndGet();
            }
          }
        };
    spark.sparkContext().addSparkListener(counter);
    try {
      JobConfig config =
          JobConfig.load(
              Path.of("conf", "examples", "bbc_news.conf"),
              Map.of(
                  "output.path", lake.resolve("k" + k).toString(),
                  "cluster.k", String.valueOf(k),
                  "cluster.restarts", "1",
                  "report.enabled", "false",
                  "output.save-model", "false"));
      TextClusteringJob.run(
          spark, config, "jobs-k" + k, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      spark.sparkContext().listenerBus().waitUntilEmpty();
      return jobs.get();
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
  }
}
