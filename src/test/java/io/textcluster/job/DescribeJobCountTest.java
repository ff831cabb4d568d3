package io.textcluster.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.JobConfig;
import io.textcluster.io.Corpus;
import io.textcluster.io.CorpusReader;
import io.textcluster.support.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Describing and evaluating the clusters costs a fixed number of Spark jobs, whatever k is: per-cluster figures come
 * from shared aggregations, never from a job per cluster. Counted with a SparkListener on BBC News (its labels and
 * kept column included), features built once, clustered with k = 5 and k = 20, each described and evaluated as the
 * run's stages do.
 */
@SparkTest
class DescribeJobCountTest {
  /**
   * Describe + evaluate of a BBC News run started 38 Spark jobs (for k = 5 and k = 20 alike) before they shared their
   * scans (commit 9361b82; counted with this listener over whole runs).
   */
  static final int JOBS_BEFORE_SHARED_SCANS = 38;

  private static final String GROUP = "textcluster-job-count";
  private final SparkSession spark;
  @TempDir Path lake;

  DescribeJobCountTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void describeAndEvaluateRunTheSameFewJobsForFiveAndTwentyClusters() {
    JobConfig five = config(5);
    Corpus corpus = new CorpusReader(spark).read(five.input(), List.of());
    Featurized features = new FeatureStage(spark, five).build(corpus).value();
    try {
      int jobsAtFive = jobsOfDescribeAndEvaluate(five, features);
      int jobsAtTwenty = jobsOfDescribeAndEvaluate(config(20), features);
      System.out.printf(
          "describe + evaluate Spark jobs on BBC News: k = 5: %d, k = 20: %d (before shared scans: %d)%n",
          jobsAtFive, jobsAtTwenty, JOBS_BEFORE_SHARED_SCANS);
      assertEquals(jobsAtFive, jobsAtTwenty, "the job count must not grow with k");
      assertTrue(
          jobsAtFive <= JOBS_BEFORE_SHARED_SCANS / 2,
          jobsAtFive + " jobs, more than half of " + JOBS_BEFORE_SHARED_SCANS);
    } finally {
      features.documents().unpersist();
      corpus.release();
    }
  }

  private JobConfig config(int k) {
    return JobConfig.load(
        Path.of("conf", "examples", "bbc_news.conf"),
        Map.of("output.path", lake.toString(), "cluster.k", String.valueOf(k), "cluster.restarts", "1"));
  }

  private int jobsOfDescribeAndEvaluate(JobConfig config, Featurized features) {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Clustered clustered = new ClusterStage(config, null, quiet).fit(features).value();
    List<String> jobs = new java.util.concurrent.CopyOnWriteArrayList<>();
    SparkListener counter =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart start) {
            if (start.properties() != null && GROUP.equals(start.properties().getProperty("spark.jobGroup.id"))) {
              jobs.add(start.stageInfos().head().name());
            }
          }
        };
    spark.sparkContext().addSparkListener(counter);
    spark.sparkContext().setJobGroup(GROUP, "describe and evaluate", false);
    try {
      DescribeStage.Described described = new DescribeStage(spark, config, quiet).describe(clustered);
      Map<String, Double> metrics = new EvaluateStage(config).evaluate(clustered, described).value();
      assertEquals(config.cluster().k(), described.clusters().size());
      assertTrue(metrics.get("v_measure") > 0.3, "BBC News clusters agree with its labels: " + metrics);
      spark.sparkContext().listenerBus().waitUntilEmpty();
      System.out.println("k = " + config.cluster().k() + ": " + jobs);
      return jobs.size();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the listener bus did not drain", e);
    } finally {
      spark.sparkContext().clearJobGroup();
      spark.sparkContext().removeSparkListener(counter);
      clustered.assigned().unpersist();
    }
  }
}
