package io.textcluster.bench;

import static org.apache.spark.sql.functions.sum;

import io.textcluster.cluster.CentreDistances;
import io.textcluster.cluster.lloyd.DenseKMeans;
import java.io.DataInputStream;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Times our dense k-means against Spark MLlib's KMeans (block solver) on the set written by
 * ../shared/bench/make_dense.py: same data, same random initialisation (MLlib's, seed 0), same k and iterations, data cached before
 * timing, fit time only. Prints one line per system: "name seconds inertia".
 *
 * <p>The shared initial centres are written to INIT.f32 (k rows of float32, little-endian) so that scikit-learn starts
 * from them too. Last line: "peak_heap_mb MB", the JVM's peak heap over the run.
 *
 * <p>Usage: DenseKMeansBenchmark X.f32 N D K ITERATIONS INIT.f32 [dense-only]
 */
public final class DenseKMeansBenchmark {
  private DenseKMeansBenchmark() {}

  public static void main(String[] args) throws Exception {
    String file = args[0];
    int n = Integer.parseInt(args[1]);
    int d = Integer.parseInt(args[2]);
    int k = Integer.parseInt(args[3]);
    int iterations = Integer.parseInt(args[4]);
    SparkSession spark = SparkSession.builder().appName("textcluster-bench-kmeans").getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    System.out.println("blas " + dev.ludovic.netlib.blas.BLAS.getInstance().getClass().getSimpleName());
    Dataset<Row> data =
        spark.createDataFrame(read(file, n, d), new StructType().add("features", SQLDataTypes.VectorType()))
            .repartition(spark.sparkContext().defaultParallelism())
            .persist(StorageLevel.MEMORY_AND_DISK());
    data.count();

    DenseKMeans dense =
        new DenseKMeans().setK(k).setSeed(0).setInitMode("random").setMaxIter(iterations).setTol(0);
    // MLlib's random initialisation with seed 0: both systems start from the same centres.
    Vector[] start = dense.initialCentres(data).clusterCenters();
    writeCentres(args[5], start);

    long t0 = System.nanoTime();
    KMeansModel ours = dense.fitFrom(data, start);
    double oursSeconds = (System.nanoTime() - t0) / 1e9;

    System.out.printf(Locale.ROOT, "textcluster-dense %.2f %.1f%n", oursSeconds, inertia(spark, data, ours));
    // The same fit again in this JVM: the first one above is the headline (a fresh JVM, as a user's first fit); this
    // one shows how much of it was the JIT compiling the packing and iteration code.
    long tw = System.nanoTime();
    KMeansModel again = dense.fitFrom(data, start);
    double againSeconds = (System.nanoTime() - tw) / 1e9;
    System.out.printf(Locale.ROOT, "textcluster-dense-again %.2f %.1f%n", againSeconds, inertia(spark, data, again));
    if (args.length > 6 && args[6].equals("dense-only")) {
      printPeakHeap();
      spark.stop();
      return;
    }
    long t1 = System.nanoTime();
    KMeansModel mllib =
        new KMeans().setK(k).setMaxIter(iterations).setTol(0).setSolver("block").setInitMode("random").setSeed(0).fit(data);
    double mllibSeconds = (System.nanoTime() - t1) / 1e9;

    System.out.printf(Locale.ROOT, "mllib-block %.2f %.1f%n", mllibSeconds, inertia(spark, data, mllib));
    printPeakHeap();
    spark.stop();
  }

  private static void printPeakHeap() {
    long bytes = 0;
    for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(Locale.ROOT, "peak_heap_mb %.0f%n", bytes / 1048576.0);
  }

  private static void writeCentres(String file, Vector[] centres) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(centres.length * centres[0].size() * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (Vector c : centres) {
      for (double x : c.toArray()) {
        bytes.putFloat((float) x);
      }
    }
    java.nio.file.Files.write(java.nio.file.Path.of(file), bytes.array());
  }

  private static double inertia(SparkSession spark, Dataset<Row> data, KMeansModel model) {
    try (CentreDistances distances = new CentreDistances(spark, model.clusterCenters(), "euclidean")) {
      return distances
          .addTo(model.setPredictionCol("cluster").transform(data), "features", "cluster")
          .agg(sum(CentreDistances.SQUARED_ERROR))
          .first()
          .getDouble(0);
    }
  }

  private static List<Row> read(String file, int n, int d) throws IOException {
    List<Row> rows = new ArrayList<>(n);
    byte[] buffer = new byte[d * 4];
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(file), 1 << 20))) {
      for (int i = 0; i < n; i++) {
        in.readFully(buffer);
        ByteBuffer bytes = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
          x[j] = bytes.getFloat();
        }
        rows.add(RowFactory.create(Vectors.dense(x)));
      }
    }
    return rows;
  }
}
