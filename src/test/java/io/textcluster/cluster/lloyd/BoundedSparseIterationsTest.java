package io.textcluster.cluster.lloyd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.JobConfig;
import io.textcluster.features.TfidfFeatures;
import io.textcluster.io.Corpus;
import io.textcluster.io.CorpusReader;
import io.textcluster.schema.Columns;
import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bounded sparse iterations (Hamerly's bounds) fit BBC News TF-IDF exactly as the plain iterations do: every
 * iteration's assignment is each row's nearest centre, and the fits end with the same centres, cost and iterations.
 */
@SparkTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundedSparseIterationsTest {
  private final SparkSession spark;
  private Dataset<Row> data;

  BoundedSparseIterationsTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void features() {
    JobConfig config = JobConfig.load(Path.of("conf", "examples", "bbc_news.conf"), Map.of());
    Corpus corpus = new CorpusReader(spark).read(config.input());
    var stages = TfidfFeatures.stages(Columns.TEXT, config.text(), config.features());
    data = new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(corpus.documents())
        .transform(corpus.documents()).select(Columns.DOC_ID, Columns.FEATURES).persist(StorageLevel.MEMORY_AND_DISK());
    data.count();
  }

  @AfterAll
  void release() {
    data.unpersist();
  }

  /**
   * In one task, iteration by iteration: each row's bounded cluster is its nearest centre recomputed from scratch in
   * double (bar float ties), and the sums, cost and centres follow the plain iteration's.
   */
  @Test
  void everyIterationAssignsEachRowItsNearestCentre() {
    for (String distance : new String[] {"cosine", "euclidean"}) {
      boolean cosine = distance.equals("cosine");
      List<RowBlock> blocks = DenseBlockPacker.toBlocks(data.select(Columns.FEATURES), 300, cosine).collect();
      for (int[] kAndGroups : new int[][] {{4, BoundedSparseIterations.defaultGroups(4)},
          {12, BoundedSparseIterations.defaultGroups(12)}, {12, 12}}) {
        int k = kAndGroups[0];
        double[][] start = starts(distance, k);
        LloydProgress plain = new LloydProgress(start, cosine, 1e-4, 40);
        LloydProgress bounded = new LloydProgress(start, cosine, 1e-4, 40);
        BoundedSparseIterations bounds = BoundedSparseIterations.of(blocks, k, start[0].length, kAndGroups[1]);
        double skippedLater = 0;
        while (!plain.finished()) {
          String at = distance + ", k = " + k + " in " + kAndGroups[1] + " groups, iteration " + (plain.iterations() + 1);
          FloatCentres centres = bounded.current();
          CentreSums fromBounds = bounds.next(centres);
          assertEquals(0, misassigned(bounds, centres), at + ": rows not in their nearest centre's cluster");
          if (plain.iterations() > 0) {
            skippedLater = Math.max(skippedLater, bounds.skippedShare() + bounds.tightenedShare());
          }
          CentreSums fromAll = plain.emptySums();
          for (RowBlock block : blocks) {
            fromAll.add(block, plain.current());
          }
          for (int c = 0; c < k; c++) {
            assertEquals(fromAll.counts[c], fromBounds.counts[c], at + ": count of cluster " + c);
          }
          assertEquals(fromAll.cost, fromBounds.cost, 1e-6 * fromAll.cost, at + ": cost");
          plain.apply(fromAll);
          bounded.apply(fromBounds);
          assertEquals(0, largestDifference(plain.centres(), bounded.centres()), 1e-6, at + ": centres");
        }
        assertTrue(bounded.finished(), distance + ", k = " + k + ": bounded fit still running");
        assertTrue(skippedLater > 0.5, distance + ", k = " + k + ": bounds settled at most " + skippedLater);
      }
    }
  }

  /**
   * Through the estimator: in local mode (barrier tasks, bounds) against a job per iteration (plain), from the same
   * start, over two tasks' sums exchanged each round: same centres, cost, iterations and predictions.
   */
  @Test
  void barrierFitWithBoundsMatchesJobPerIterationFit() {
    for (String distance : new String[] {"cosine", "euclidean"}) {
      Dataset<Row> twoTasks = data.repartition(2);
      int k = distance.equals("cosine") ? 8 : 5;
      {
        DenseKMeans kmeans = new DenseKMeans().setFeaturesCol(Columns.FEATURES).setK(k).setSeed(7)
            .setInitMode("random").setMaxIter(30).setTol(1e-5).setDistanceMeasure(distance).setBlockRows(256);
        Vector[] start = kmeans.initialCentres(data).clusterCenters();
        KMeansModel plain = kmeans.copy(new org.apache.spark.ml.param.ParamMap())
            .setExecution(DenseKMeans.EXECUTION_JOB_PER_ITERATION).fitFrom(twoTasks, start);
        KMeansModel bounded = kmeans.setExecution(DenseKMeans.EXECUTION_BARRIER).fitFrom(twoTasks, start);
        String at = distance + ", k = " + k;
        assertEquals(plain.summary().numIter(), bounded.summary().numIter(), at + ": iterations");
        double cost = plain.summary().trainingCost();
        assertEquals(cost, bounded.summary().trainingCost(), 1e-6 * cost, at + ": cost");
        double[][] a = new double[k][];
        double[][] b = new double[k][];
        for (int c = 0; c < k; c++) {
          a[c] = plain.clusterCenters()[c].toArray();
          b[c] = bounded.clusterCenters()[c].toArray();
        }
        assertEquals(0, largestDifference(a, b), 1e-6, at + ": centres");
        long differing = plain.transform(data).select(Columns.DOC_ID, "prediction").withColumnRenamed("prediction", "p")
            .join(bounded.transform(data).select(Columns.DOC_ID, "prediction"), Columns.DOC_ID)
            .where("p != prediction").count();
        assertTrue(differing <= 1, at + ": " + differing + " documents predicted differently");
      }
    }
  }

  private double[][] starts(String distance, int k) {
    Vector[] start = new DenseKMeans().setFeaturesCol(Columns.FEATURES).setK(k).setSeed(11).setInitMode("random")
        .setDistanceMeasure(distance).initialCentres(data).clusterCenters();
    double[][] centres = new double[k][];
    for (int c = 0; c < k; c++) {
      centres[c] = start[c].toArray();
    }
    return centres;
  }

  /**
   * Rows whose bounded cluster is not their nearest centre: squared distances recomputed in double from each row's
   * non-zeros and the dense centres, a row counted when its cluster is farther than the nearest by more than a float
   * tie (1e-6 of the squared norms).
   */
  private static long misassigned(BoundedSparseIterations bounds, FloatCentres centres) {
    int k = centres.count;
    int d = centres.values.length / k;
    double[] norms = new double[k];
    double largest = 0;
    for (int c = 0; c < k; c++) {
      for (int j = c * d; j < (c + 1) * d; j++) {
        norms[c] += (double) centres.values[j] * centres.values[j];
      }
      largest = Math.max(largest, norms[c]);
    }
    long wrong = 0;
    for (int b = 0; b < bounds.blockCount(); b++) {
      SparseBlock block = bounds.block(b);
      for (int r = 0; r < block.rows; r++) {
        double[] squared = new double[k];
        for (int c = 0; c < k; c++) {
          double dot = 0;
          for (int e = block.starts[r]; e < block.starts[r + 1]; e++) {
            dot += (double) block.values[e] * centres.values[c * d + block.indices[e]];
          }
          squared[c] = norms[c] - 2 * dot;
        }
        double nearest = Double.POSITIVE_INFINITY;
        for (double s : squared) {
          nearest = Math.min(nearest, s);
        }
        if (squared[bounds.label(b, r)] - nearest > 1e-6 * (block.squaredNorms[r] + largest)) {
          wrong++;
        }
      }
    }
    return wrong;
  }

  private static double largestDifference(double[][] a, double[][] b) {
    double largest = 0;
    for (int c = 0; c < a.length; c++) {
      for (int j = 0; j < a[c].length; j++) {
        largest = Math.max(largest, Math.abs(a[c][j] - b[c][j]));
      }
    }
    return largest;
  }
}
