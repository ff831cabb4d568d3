package io.textcluster.cluster;

import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.StageInfo;

/**
 * Counts the EM iterations of MLlib's RDD {@code GaussianMixture.run}, which returns no count: each iteration is one
 * {@code treeAggregate} job (the E step's sums), so the jobs of that name submitted by this thread during the run are
 * its iterations. The thread's jobs are told apart from other threads' by a local property set for the run only.
 */
final class EmIterations {
  private static final String RUN = "textcluster.em.run";
  /** Spark names a job's stages after the call site: "treeAggregate at GaussianMixture.scala:NNN". */
  private static final String E_STEP = "treeAggregate at GaussianMixture";

  /** What the run returned, and how many EM iterations it made. */
  record Counted<T>(T result, int iterations) {}

  private EmIterations() {}

  static <T> Counted<T> count(SparkContext sc, Supplier<T> run) {
    String tag = UUID.randomUUID().toString();
    AtomicInteger iterations = new AtomicInteger();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart job) {
            if (job.properties() == null || !tag.equals(job.properties().getProperty(RUN))) {
              return;
            }
            for (StageInfo stage : scala.collection.JavaConverters.seqAsJavaList(job.stageInfos())) {
              if (stage.name().startsWith(E_STEP)) {
                iterations.incrementAndGet();
                return;
              }
            }
          }
        };
    String previous = sc.getLocalProperty(RUN);
    sc.addSparkListener(listener);
    sc.setLocalProperty(RUN, tag);
    try {
      T result = run.get();
      try {
        // Listeners hear of jobs asynchronously: wait until the bus has delivered this run's.
        sc.listenerBus().waitUntilEmpty(60_000);
      } catch (TimeoutException e) {
        throw new IllegalStateException("Spark's listener bus did not drain within 60 s while counting EM iterations",
            e);
      }
      return new Counted<>(result, iterations.get());
    } finally {
      sc.setLocalProperty(RUN, previous);
      sc.removeSparkListener(listener);
    }
  }
}
