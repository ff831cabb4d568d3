package io.textcluster.cluster.lloyd;

import io.textcluster.config.JobConfig;
import io.textcluster.features.TfidfFeatures;
import io.textcluster.schema.Columns;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Times the sparse Lloyd iterations with and without Hamerly's bounds on TF-IDF of a generated corpus (the million
 * benchmark's, as conf/bench/million.conf featurises it), back to back under the same load. Not a CI test.
 *
 * <p>Part 1, in one thread over all rows: each iteration runs the plain pass ({@link CentreSums}) and the bounded one
 * ({@link BoundedSparseIterations}) from the same centres, timed separately, with the share of rows the bounds settled.
 * Part 2, whole fits through {@link DenseKMeans} from the same start: barrier (bounds) against job-per-iteration
 * (plain; also pays a Spark job per iteration).
 *
 * <p>Usage: SparseBoundsBenchmark PARQUET ROWS K [cosine|euclidean] [MAX_ITERATIONS] [no-fits]
 */
public final class SparseBoundsBenchmark {
  private SparseBoundsBenchmark() {}

  public static void main(String[] args) {
    String parquet = args[0];
    int rows = Integer.parseInt(args[1]);
    int k = Integer.parseInt(args[2]);
    String distance = args.length > 3 ? args[3] : "cosine";
    int maxIterations = args.length > 4 ? Integer.parseInt(args[4]) : 40;
    boolean cosine = distance.equals("cosine");
    SparkSession spark = SparkSession.builder().appName("textcluster-bench-bounds").getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    JobConfig config = JobConfig.load(Path.of("conf", "bench", "million.conf"), Map.of());
    Dataset<Row> documents = spark.read().parquet(parquet).limit(rows).select(Columns.DOC_ID, Columns.TEXT)
        .repartition(spark.sparkContext().defaultParallelism());
    var stages = TfidfFeatures.stages(Columns.TEXT, config.text(), config.features());
    Dataset<Row> data = new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(documents)
        .transform(documents).select(Columns.DOC_ID, Columns.FEATURES).persist(StorageLevel.MEMORY_AND_DISK());
    long count = data.count();
    DenseKMeans kmeans = new DenseKMeans().setFeaturesCol(Columns.FEATURES).setK(k).setSeed(3).setInitMode("random")
        .setMaxIter(maxIterations).setTol(1e-4).setDistanceMeasure(distance);
    Vector[] start = kmeans.initialCentres(data).clusterCenters();
    List<RowBlock> blocks = DenseBlockPacker.toBlocks(data.select(Columns.FEATURES), 4096, cosine).collect();
    int dimension = ((SparseBlock) blocks.get(0)).dimension;
    System.out.printf(Locale.ROOT, "%d documents, %d terms, k = %d, %s%n", count, dimension, k, distance);

    double[][] initial = new double[k][];
    for (int c = 0; c < k; c++) {
      initial[c] = start[c].toArray();
    }
    // The bounds with each centre its own group (Elkan) and with four centres a group (Yinyang-like).
    int[] groupings = {k, Math.max(1, k / 4)};
    LloydProgress plain = new LloydProgress(initial, cosine, 1e-4, maxIterations);
    LloydProgress[] bounded = new LloydProgress[groupings.length];
    BoundedSparseIterations[] bounds = new BoundedSparseIterations[groupings.length];
    double[] boundedTotal = new double[groupings.length];
    for (int v = 0; v < groupings.length; v++) {
      bounded[v] = new LloydProgress(initial, cosine, 1e-4, maxIterations);
      bounds[v] = BoundedSparseIterations.of(blocks, k, dimension, groupings[v]);
    }
    double plainTotal = 0;
    System.out.println("iteration plain_s then per grouping: groups bounded_s skipped tightened distances_computed");
    while (!plain.finished()) {
      long t0 = System.nanoTime();
      FloatCentres centres = plain.current();
      CentreSums all = plain.emptySums();
      for (RowBlock block : blocks) {
        all.add(block, centres);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      plainTotal += seconds;
      plain.apply(all);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d %.3f", plain.iterations(), seconds));
      for (int v = 0; v < groupings.length; v++) {
        long t1 = System.nanoTime();
        CentreSums fromBounds = bounds[v].next(bounded[v].current());
        double took = (System.nanoTime() - t1) / 1e9;
        boundedTotal[v] += took;
        bounded[v].apply(fromBounds);
        line.append(String.format(Locale.ROOT, " | %d %.3f %.3f %.3f %.3f", groupings[v], took,
            bounds[v].skippedShare(), bounds[v].tightenedShare(), bounds[v].computedShare()));
      }
      System.out.println(line);
    }
    for (int v = 0; v < groupings.length; v++) {
      System.out.printf(Locale.ROOT,
          "one thread, %d iterations: plain %.2f s, bounded (%d groups) %.2f s (%.2fx); cost %.6g vs %.6g, %d iterations%n",
          plain.iterations(), plainTotal, groupings[v], boundedTotal[v], plainTotal / boundedTotal[v], plain.cost(),
          bounded[v].cost(), bounded[v].iterations());
    }
    if (args.length > 5 && args[5].equals("no-fits")) {
      spark.stop();
      return;
    }
    for (int round = 0; round < 2; round++) {
      long t0 = System.nanoTime();
      KMeansModel viaJobs = kmeans.copy(new ParamMap()).setExecution(DenseKMeans.EXECUTION_JOB_PER_ITERATION)
          .fitFrom(data, start);
      long t1 = System.nanoTime();
      KMeansModel viaBarrier = kmeans.copy(new ParamMap()).setExecution(DenseKMeans.EXECUTION_BARRIER)
          .fitFrom(data, start);
      long t2 = System.nanoTime();
      System.out.printf(Locale.ROOT,
          "fitFrom: job-per-iteration (plain) %.2f s, %d iterations, cost %.6g; barrier (bounds) %.2f s, %d"
              + " iterations, cost %.6g%n",
          (t1 - t0) / 1e9, viaJobs.summary().numIter(), viaJobs.summary().trainingCost(), (t2 - t1) / 1e9,
          viaBarrier.summary().numIter(), viaBarrier.summary().trainingCost());
    }
    spark.stop();
  }
}
