package io.textcluster.cluster.lloyd;

import io.textcluster.cluster.DriverSample;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.mllib.clustering.KMeans;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where MLlib's k-means starts (its k-means|| or random initialisation) for each of several seeds, the seeds' jobs run
 * at once from a few driver threads.
 *
 * <p>This is MLlib's own initialisation ({@code mllib.clustering.KMeans.initialize}, the one its block solver calls)
 * over the same rows in the same partitions, so each seed gets exactly the centres an MLlib fit with that seed starts
 * from. It skips what a zero-iteration MLlib fit adds around it, which was most of the cluster stage on a small corpus:
 * the DataFrame solver choice (a full pass to count non-zeros), caching the rows' norms, and the summary's cluster
 * sizes (another pass and a shuffle), about eleven jobs per seed. The seeds' jobs are small and mostly wait on
 * scheduling, so several seeds at once overlap the waits; at scale each k-means|| round is a pass over the rows, and
 * the seeds share the cores. Each seed's result depends only on its seed, never on which thread ran it. Nothing
 * grows with the documents on the driver: each round collects about 2k candidate centres.
 */
final class MllibStarts {
  /** At most this many seeds' jobs at once: each holds its k-means|| candidates (2k dense vectors a round). */
  static final int MAX_CONCURRENT = 4;

  private MllibStarts() {}

  /** The settings of the initialisation, as DenseKMeans holds them. */
  record Settings(String featuresCol, int k, String initMode, int initSteps, String distanceMeasure) {}

  /** MLlib's initial centres for one seed (unit length for cosine, as MLlib's block solver starts). */
  static Vector[] forSeed(Dataset<?> dataset, Settings settings, long seed) {
    org.apache.spark.mllib.linalg.Vector[] centres =
        new KMeans()
            .setK(settings.k())
            .setSeed(seed)
            .setInitializationMode(settings.initMode())
            .setInitializationSteps(settings.initSteps())
            .setDistanceMeasure(settings.distanceMeasure())
            .initialize(vectors(dataset, settings.featuresCol()));
    boolean cosine = "cosine".equals(settings.distanceMeasure());
    Vector[] result = new Vector[centres.length];
    for (int c = 0; c < centres.length; c++) {
      Vector centre = centres[c].asML();
      if (cosine) {
        double[] unit = centre.toArray();
        DriverSample.normalize(unit);
        result[c] = Vectors.dense(unit);
      } else {
        result[c] = centre;
      }
    }
    return result;
  }

  /**
   * MLlib's initial centres for each seed, in the seeds' order; {@code alongside} (may be null) runs on the calling
   * thread meanwhile, e.g. packing the rows for the Lloyd iterations.
   */
  static Vector[][] forSeeds(Dataset<?> dataset, Settings settings, long[] seeds, Runnable alongside) {
    if (seeds.length == 1 && alongside == null) {
      return new Vector[][] {forSeed(dataset, settings, seeds[0])};
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(MAX_CONCURRENT, seeds.length)),
            task -> {
              // Threads made here inherit the caller's Spark job group and properties, so a cancelled run stops them.
              Thread thread = new Thread(task, "textcluster-kmeans-init-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<Vector[]>> pending = new ArrayList<>();
      for (long seed : seeds) {
        pending.add(pool.submit(() -> forSeed(dataset, settings, seed)));
      }
      if (alongside != null) {
        alongside.run();
      }
      Vector[][] starts = new Vector[seeds.length][];
      for (int s = 0; s < seeds.length; s++) {
        starts[s] = pending.get(s).get();
      }
      return starts;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while computing the k-means initial centres", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("Computing the k-means initial centres failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The feature column as MLlib's RDD vectors, same partitions and row order as the dataset (as MLlib's fit reads). */
  private static RDD<org.apache.spark.mllib.linalg.Vector> vectors(Dataset<?> dataset, String featuresCol) {
    return dataset.select(featuresCol).toJavaRDD()
        .map((Row row) -> org.apache.spark.mllib.linalg.Vectors.fromML((Vector) row.get(0)))
        .rdd();
  }
}
