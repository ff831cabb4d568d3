package io.textcluster.cluster.lloyd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.support.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bounded dense iterations fit embedding-like rows (make_dense.py's kind: unit vectors around centres, with noise)
 * as the plain iterations do: every iteration's assignment is each row's nearest centre, the counts, cost and centres
 * follow the plain iteration's, and the bounds settle most rows late in a fit.
 */
@SparkTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundedDenseIterationsTest {
  private static final int DIMENSION = 96;
  private final SparkSession spark;
  private Dataset<Row> data;

  BoundedDenseIterationsTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void embeddings() {
    Random random = new Random(3);
    double[][] centres = new double[16][DIMENSION];
    for (double[] c : centres) {
      for (int j = 0; j < DIMENSION; j++) {
        c[j] = random.nextGaussian();
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 12_000; i++) {
      double[] x = new double[DIMENSION];
      double[] centre = centres[random.nextInt(centres.length)];
      for (int j = 0; j < DIMENSION; j++) {
        // Not unit rows: euclidean distances then depend on the norms too.
        x[j] = (0.5 + (i % 3)) * (centre[j] + 2.0 * random.nextGaussian());
      }
      rows.add(RowFactory.create(Vectors.dense(x)));
    }
    data = spark.createDataFrame(rows, new StructType().add("features", SQLDataTypes.VectorType()))
        .persist(StorageLevel.MEMORY_AND_DISK());
    data.count();
  }

  @AfterAll
  void release() {
    data.unpersist();
  }

  /**
   * In one task, iteration by iteration against the plain iteration over the same blocks: no row outside its nearest
   * centre's cluster (recomputed in double, beyond float rounding), the same counts bar a float tie, the same cost and
   * centres, and the same number of iterations.
   */
  @Test
  void everyIterationAssignsEachRowItsNearestCentre() {
    for (String distance : new String[] {"euclidean", "cosine"}) {
      boolean cosine = distance.equals("cosine");
      List<RowBlock> blocks = DenseBlockPacker.toBlocks(data, 1000, cosine).collect();
      for (int[] kAndGroups : new int[][] {{16, BoundedRows.defaultGroups(16)}, {16, 16}, {7, 1}}) {
        int k = kAndGroups[0];
        double[][] start = starts(distance, k);
        LloydProgress plain = new LloydProgress(start, cosine, 1e-6, 60);
        LloydProgress bounded = new LloydProgress(start, cosine, 1e-6, 60);
        BoundedDenseIterations bounds = BoundedDenseIterations.of(blocks, k, DIMENSION, kAndGroups[1]);
        double settledLater = 0;
        while (!plain.finished()) {
          String at = distance + ", k = " + k + " in " + kAndGroups[1] + " groups, iteration " + (plain.iterations() + 1);
          FloatCentres centres = bounded.current();
          CentreSums fromBounds = bounds.next(centres);
          assertEquals(0, misassigned(bounds, centres), at + ": rows not in their nearest centre's cluster");
          if (plain.iterations() > 0) {
            settledLater = Math.max(settledLater, bounds.skippedShare() + bounds.tightenedShare());
          }
          CentreSums fromAll = plain.emptySums();
          for (RowBlock block : blocks) {
            fromAll.add(block, plain.current());
          }
          long moved = 0;
          for (int c = 0; c < k; c++) {
            moved += Math.abs(fromAll.counts[c] - fromBounds.counts[c]);
          }
          assertTrue(moved <= 2, at + ": " + moved / 2 + " rows in another cluster than the plain iteration's");
          assertEquals(fromAll.cost, fromBounds.cost, 1e-5 * fromAll.cost, at + ": cost");
          plain.apply(fromAll);
          bounded.apply(fromBounds);
          assertEquals(0, largestDifference(plain.centres(), bounded.centres()), 1e-3, at + ": centres");
        }
        assertTrue(bounded.finished(), distance + ", k = " + k + ": bounded fit still running");
        assertTrue(settledLater > 0.5, distance + ", k = " + k + ": bounds settled at most " + settledLater);
      }
    }
  }

  /** Sparse or mixed blocks are not for the dense bounds; dense ones of another dimension neither. */
  @Test
  void onlyDenseBlocksOfTheFitsDimension() {
    List<RowBlock> blocks = DenseBlockPacker.toBlocks(data, 1000, false).collect();
    assertNull(BoundedDenseIterations.of(blocks, 4, DIMENSION + 1));
    assertNull(BoundedDenseIterations.of(List.of(), 4, DIMENSION));
    assertTrue(BoundedIterations.of(blocks, 4, DIMENSION) instanceof BoundedDenseIterations);
  }

  /**
   * Through the estimator: in local mode (barrier tasks, bounds) against a job per iteration (plain), from the same
   * start, over two tasks' sums exchanged each round: same centres, cost, iterations and predictions.
   */
  @Test
  void barrierFitWithBoundsMatchesJobPerIterationFit() {
    Dataset<Row> twoTasks = data.repartition(2);
    for (String distance : new String[] {"cosine", "euclidean"}) {
      int k = 12;
      DenseKMeans kmeans = new DenseKMeans().setK(k).setSeed(7).setInitMode("random").setMaxIter(40).setTol(1e-6)
          .setDistanceMeasure(distance).setBlockRows(700);
      Vector[] start = kmeans.initialCentres(data).clusterCenters();
      KMeansModel plain = kmeans.copy(new ParamMap()).setExecution(DenseKMeans.EXECUTION_JOB_PER_ITERATION)
          .fitFrom(twoTasks, start);
      KMeansModel bounded = kmeans.setExecution(DenseKMeans.EXECUTION_BARRIER).fitFrom(twoTasks, start);
      String at = distance + ", k = " + k;
      assertEquals(plain.summary().numIter(), bounded.summary().numIter(), at + ": iterations");
      double cost = plain.summary().trainingCost();
      assertEquals(cost, bounded.summary().trainingCost(), 1e-5 * cost, at + ": cost");
      double[][] a = new double[k][];
      double[][] b = new double[k][];
      for (int c = 0; c < k; c++) {
        a[c] = plain.clusterCenters()[c].toArray();
        b[c] = bounded.clusterCenters()[c].toArray();
      }
      assertEquals(0, largestDifference(a, b), 1e-3, at + ": centres");
    }
  }

  private double[][] starts(String distance, int k) {
    Vector[] start = new DenseKMeans().setK(k).setSeed(11).setInitMode("random").setDistanceMeasure(distance)
        .initialCentres(data).clusterCenters();
    double[][] centres = new double[k][];
    for (int c = 0; c < k; c++) {
      centres[c] = start[c].toArray();
    }
    return centres;
  }

  /**
   * Rows whose bounded cluster is not their nearest centre: squared distances recomputed in double from the block's
   * floats and the float centres, a row counted when its cluster is farther than the nearest by more than the float
   * rounding of a distance over this many dimensions.
   */
  private static long misassigned(BoundedDenseIterations bounds, FloatCentres centres) {
    int k = centres.count;
    double largest = CentreGeometry.largestSquaredNorm(centres);
    long wrong = 0;
    for (int b = 0; b < bounds.blockCount(); b++) {
      DenseBlock block = bounds.block(b);
      for (int r = 0; r < block.rows; r++) {
        double[] squared = new double[k];
        double nearest = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          for (int j = 0; j < DIMENSION; j++) {
            double d = (double) block.values[r * DIMENSION + j] - centres.values[c * DIMENSION + j];
            squared[c] += d * d;
          }
          nearest = Math.min(nearest, squared[c]);
        }
        if (squared[bounds.label(b, r)] - nearest > 1e-4 * (block.squaredNorms[r] + largest)) {
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
