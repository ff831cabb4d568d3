package io.textcluster.cluster;

import io.textcluster.cluster.lloyd.DenseKMeans;
import io.textcluster.config.ClusterConfig;
import io.textcluster.schema.Columns;
import io.textcluster.support.SparkTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class ScratchRestartsTiming {
  private final SparkSession spark;
  ScratchRestartsTiming(SparkSession spark) { this.spark = spark; }

  @Test
  void time() {
    Dataset<Row> data = BbcFeatures.get(spark);
    AtomicInteger jobs = new AtomicInteger();
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override public void onJobStart(SparkListenerJobStart e) { jobs.incrementAndGet(); }
    });
    ClusterConfig config = new ClusterConfig(ClusterConfig.KMEANS, 5, 42, 100, 1.0e-4, ClusterConfig.COSINE,
        "k-means||", 2, 5, ClusterConfig.SOLVER_AUTO, 0.01, ClusterConfig.GMM_REDUCTION_LSA, 20, false);
    for (int round = 0; round < 3; round++) {
      jobs.set(0);
      long t0 = System.nanoTime();
      KMeansModel m = KMeansClustering.fitBest(config, Columns.FEATURES, data);
      long t1 = System.nanoTime();
      System.out.printf("SCRATCH fit %.2f s, %d jobs, cost %.6f, iterations %d%n", (t1 - t0) / 1e9, jobs.get(),
          m.summary().trainingCost(), m.summary().numIter());
      jobs.set(0);
      t0 = System.nanoTime();
      for (int r = 0; r < 5; r++) {
        KMeansClustering.dense(config, Columns.FEATURES).setSeed(42 + 7919L * r).initialCentres(data);
      }
      t1 = System.nanoTime();
      System.out.printf("SCRATCH 5 inits %.2f s, %d jobs%n", (t1 - t0) / 1e9, jobs.get());
    }
  }
}
