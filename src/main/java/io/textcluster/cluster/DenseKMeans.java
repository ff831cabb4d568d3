package io.textcluster.cluster;

import dev.ludovic.netlib.blas.BLAS;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.clustering.KMeansSummary;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * k-means for dense features (embeddings, LSA): rows packed into float32 blocks, each block's distances to all
 * centres computed by one SGEMM (native BLAS when libblas.so.3 is present) from precomputed norms
 * (|x - c|^2 = |x|^2 - 2 x.c + |c|^2), centres broadcast once per iteration, sums and counts accumulated per partition
 * and combined by treeAggregate. The initial centres come from MLlib's own k-means|| or random initialisation (an MLlib
 * fit with zero iterations), so for the same seed it starts where MLlib starts and reaches the same cost. Cosine
 * distance is spherical k-means: rows and centres normalised. An empty cluster keeps its previous centre, as in MLlib.
 * The result is an MLlib {@link KMeansModel}, usable (saved, loaded, used for prediction) wherever MLlib's is.
 */
public class DenseKMeans extends Estimator<KMeansModel> implements DefaultParamsWritable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DenseKMeans.class);
  private final String uid;
  private final Param<String> featuresCol;
  private final Param<String> predictionCol;
  private final IntParam k;
  private final IntParam maxIter;
  private final DoubleParam tol;
  private final LongParam seed;
  private final Param<String> distanceMeasure;
  private final Param<String> initMode;
  private final IntParam initSteps;
  private final IntParam blockRows;
  private final IntParam restarts;

  public DenseKMeans(String uid) {
    // Params name their parent by uid, so they are created only once the uid is set.
    this.uid = uid;
    this.featuresCol = new Param<>(this, "featuresCol", "column of dense feature vectors");
    this.predictionCol = new Param<>(this, "predictionCol", "column of cluster ids");
    this.k = new IntParam(this, "k", "number of clusters (> 1)", ParamValidators.gt(1));
    this.maxIter = new IntParam(this, "maxIter", "maximum Lloyd iterations (>= 0)", ParamValidators.gtEq(0));
    this.tol = new DoubleParam(this, "tol", "stop when no centre moves more than this (>= 0)", ParamValidators.gtEq(0));
    this.seed = new LongParam(this, "seed", "seed of the initialisation");
    this.distanceMeasure = new Param<>(this, "distanceMeasure", "euclidean or cosine", ParamValidators.inArray(new String[] {"euclidean", "cosine"}));
    this.initMode = new Param<>(this, "initMode", "k-means|| or random", ParamValidators.inArray(new String[] {"k-means||", "random"}));
    this.initSteps = new IntParam(this, "initSteps", "k-means|| rounds (> 0)", ParamValidators.gt(0));
    this.blockRows = new IntParam(this, "blockRows", "rows per float32 block (> 0)", ParamValidators.gt(0));
    this.restarts =
        new IntParam(this, "restarts", "fits from this many seeds, keeping the lowest cost (> 0)", ParamValidators.gt(0));
    setDefault(featuresCol, "features");
    setDefault(predictionCol, "prediction");
    setDefault(k, 2);
    setDefault(maxIter, 20);
    setDefault(tol, 1e-4);
    setDefault(seed, 42L);
    setDefault(distanceMeasure, "euclidean");
    setDefault(initMode, "k-means||");
    setDefault(initSteps, 2);
    setDefault(blockRows, 4096);
    setDefault(restarts, 1);
  }

  public DenseKMeans() {
    this(Identifiable.randomUID("denseKMeans"));
  }

  public Param<String> featuresCol() { return featuresCol; }
  public Param<String> predictionCol() { return predictionCol; }
  public IntParam k() { return k; }
  public IntParam maxIter() { return maxIter; }
  public DoubleParam tol() { return tol; }
  public LongParam seed() { return seed; }
  public Param<String> distanceMeasure() { return distanceMeasure; }
  public Param<String> initMode() { return initMode; }
  public IntParam initSteps() { return initSteps; }
  public IntParam blockRows() { return blockRows; }
  public IntParam restarts() { return restarts; }

  public DenseKMeans setFeaturesCol(String v) { set(featuresCol, v); return this; }
  public DenseKMeans setPredictionCol(String v) { set(predictionCol, v); return this; }
  public DenseKMeans setK(int v) { set(k, v); return this; }
  public DenseKMeans setMaxIter(int v) { set(maxIter, v); return this; }
  public DenseKMeans setTol(double v) { set(tol, v); return this; }
  public DenseKMeans setSeed(long v) { set(seed, v); return this; }
  public DenseKMeans setDistanceMeasure(String v) { set(distanceMeasure, v); return this; }
  public DenseKMeans setInitMode(String v) { set(initMode, v); return this; }
  public DenseKMeans setInitSteps(int v) { set(initSteps, v); return this; }
  public DenseKMeans setBlockRows(int v) { set(blockRows, v); return this; }
  public DenseKMeans setRestarts(int v) { set(restarts, v); return this; }

  /** Where MLlib's k-means starts for these params: its own initialisation, no Lloyd iteration. */
  public KMeansModel initialCentres(Dataset<?> dataset) {
    return initialCentres(dataset, (Long) getOrDefault(seed));
  }

  private KMeansModel initialCentres(Dataset<?> dataset, long fromSeed) {
    return new KMeans()
        .setFeaturesCol(getOrDefault(featuresCol))
        .setK((Integer) getOrDefault(k))
        .setSeed(fromSeed)
        .setDistanceMeasure(getOrDefault(distanceMeasure))
        .setInitMode(getOrDefault(initMode))
        .setInitSteps((Integer) getOrDefault(initSteps))
        .setMaxIter(0)
        .fit(dataset);
  }

  /**
   * Fits from {@code restarts} initialisations (seeds derived from {@code seed}, as scikit-learn's n_init) over one
   * packing of the rows into blocks, and keeps the fit with the lowest cost.
   */
  @Override
  public KMeansModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    JavaRDD<DenseBlock> blocks = packed(dataset);
    try {
      Lloyd best = null;
      for (int restart = 0; restart < (Integer) getOrDefault(restarts); restart++) {
        long restartSeed = (Long) getOrDefault(seed) + 7919L * restart;
        Lloyd fitted = lloyd(blocks, initialCentres(dataset, restartSeed).clusterCenters());
        if (best == null || fitted.cost < best.cost) {
          best = fitted;
        }
      }
      return model(dataset, best);
    } finally {
      blocks.unpersist(false);
    }
  }

  /** Lloyd iterations from the given centres. */
  public KMeansModel fitFrom(Dataset<?> dataset, Vector[] initial) {
    transformSchema(dataset.schema());
    JavaRDD<DenseBlock> blocks = packed(dataset);
    try {
      return model(dataset, lloyd(blocks, initial));
    } finally {
      blocks.unpersist(false);
    }
  }

  private JavaRDD<DenseBlock> packed(Dataset<?> dataset) {
    return toBlocks(
            dataset.select(getOrDefault(featuresCol)),
            (Integer) getOrDefault(blockRows),
            "cosine".equals(getOrDefault(distanceMeasure)))
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** Centres, cost and iterations of one fit. */
  private record Lloyd(double[][] centres, double cost, int iterations) {}

  private Lloyd lloyd(JavaRDD<DenseBlock> blocks, Vector[] initial) {
    boolean cosine = "cosine".equals(getOrDefault(distanceMeasure));
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(blocks.context());
    int clusters = initial.length;
    int dimension = initial[0].size();
    double[][] centres = new double[clusters][];
    for (int c = 0; c < clusters; c++) {
      centres[c] = initial[c].toArray().clone();
      if (cosine) {
        normalise(centres[c]);
      }
    }
    double tolerance = (Double) getOrDefault(tol);
    int iterations = 0;
    double cost = Double.NaN;
    boolean converged = false;
    while (iterations < (Integer) getOrDefault(maxIter) && !converged) {
      long started = System.nanoTime();
      Broadcast<Centres> shared = sc.broadcast(new Centres(centres, dimension));
      Accumulation total;
      try {
        total = blocks.treeAggregate(
            new Accumulation(clusters, dimension),
            (acc, block) -> acc.add(block, shared.value()),
            Accumulation::merge,
            2);
      } finally {
        shared.destroy();
      }
      total.allocate();
      converged = true;
      for (int c = 0; c < clusters; c++) {
        if (total.counts[c] == 0) {
          continue;
        }
        double[] updated = new double[dimension];
        for (int j = 0; j < dimension; j++) {
          updated[j] = total.sums[c * dimension + j] / total.counts[c];
        }
        if (cosine) {
          normalise(updated);
        }
        if (moved(centres[c], updated, cosine) > (cosine ? tolerance : tolerance * tolerance)) {
          converged = false;
        }
        centres[c] = updated;
      }
      // As MLlib's trainingCost: the cost of the last iteration's assignment (for unit rows and centres the cosine
      // distance is half the squared euclidean one). No extra pass over the data.
      cost = cosine ? total.cost / 2 : total.cost;
      iterations++;
      LOG.debug("iteration {}: {} s", iterations, (System.nanoTime() - started) / 1e9);
    }
    return new Lloyd(centres, cost, iterations);
  }

  private KMeansModel model(Dataset<?> dataset, Lloyd fitted) {
    int clusters = fitted.centres.length;
    org.apache.spark.mllib.linalg.Vector[] mllibCentres = new org.apache.spark.mllib.linalg.Vector[clusters];
    for (int c = 0; c < clusters; c++) {
      mllibCentres[c] = Vectors.dense(fitted.centres[c]);
    }
    org.apache.spark.mllib.clustering.KMeansModel rdd =
        new org.apache.spark.mllib.clustering.KMeansModel(
            mllibCentres, getOrDefault(distanceMeasure), fitted.cost, fitted.iterations);
    KMeansModel model = new KMeansModel(uid, rdd);
    model.setFeaturesCol(getOrDefault(featuresCol));
    model.setPredictionCol(getOrDefault(predictionCol));
    model.setParent(new KMeans().setK(clusters).setDistanceMeasure(getOrDefault(distanceMeasure)));
    // The summary MLlib attaches (its constructor and setter are Scala package-private, public in bytecode): callers
    // read trainingCost and numIter from it whichever k-means fitted. Its predictions are lazy.
    model.setSummary(
        scala.Option.apply(
            new KMeansSummary(
                model.transform(dataset),
                getOrDefault(predictionCol),
                getOrDefault(featuresCol),
                clusters,
                fitted.iterations,
                fitted.cost)));
    return model;
  }

  private static double moved(double[] before, double[] after, boolean cosine) {
    double squared = 0;
    double dot = 0;
    for (int j = 0; j < before.length; j++) {
      double d = before[j] - after[j];
      squared += d * d;
      dot += before[j] * after[j];
    }
    return cosine ? 1 - dot : squared;
  }

  private static void normalise(double[] v) {
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int j = 0; j < v.length; j++) {
        v[j] /= norm;
      }
    }
  }

  /**
   * Packs each partition's vectors into float32 blocks. It reads Spark's internal rows (the ML vector's struct of
   * type, size, indices, values) straight into the block, without building a Row and a Vector per document.
   */
  static JavaRDD<DenseBlock> toBlocks(Dataset<?> vectors, int blockRows, boolean normalise) {
    return vectors.queryExecution().toRdd().toJavaRDD().mapPartitions(
        (Iterator<InternalRow> it) -> {
          List<DenseBlock> blocks = new ArrayList<>();
          BlockBuilder builder = null;
          while (it.hasNext()) {
            InternalRow vector = it.next().getStruct(0, 4);
            int size = vector.getByte(0) == 1 ? vector.getArray(3).numElements() : vector.getInt(1);
            if (builder == null) {
              builder = new BlockBuilder(blockRows, size, normalise);
            }
            builder.add(vector, size);
            if (builder.full()) {
              blocks.add(builder.build());
            }
          }
          if (builder != null && builder.rows > 0) {
            blocks.add(builder.build());
          }
          return blocks.iterator();
        });
  }

  /** Fills one block row by row; reused for every block of a partition. */
  private static final class BlockBuilder {
    private final int capacity;
    private final int dimension;
    private final boolean normalise;
    private float[] values;
    private float[] norms;
    private int rows;

    BlockBuilder(int capacity, int dimension, boolean normalise) {
      this.capacity = capacity;
      this.dimension = dimension;
      this.normalise = normalise;
      reset();
    }

    private void reset() {
      values = new float[capacity * dimension];
      norms = new float[capacity];
      rows = 0;
    }

    void add(InternalRow vector, int size) {
      if (size != dimension) {
        throw new IllegalArgumentException(
            "Feature vectors must all have one dimension; found " + dimension + " and " + size);
      }
      int offset = rows * dimension;
      ArrayData vectorValues = vector.getArray(3);
      if (vector.getByte(0) == 1) {
        for (int j = 0; j < dimension; j++) {
          values[offset + j] = (float) vectorValues.getDouble(j);
        }
      } else {
        ArrayData indices = vector.getArray(2);
        for (int e = 0; e < indices.numElements(); e++) {
          values[offset + indices.getInt(e)] = (float) vectorValues.getDouble(e);
        }
      }
      double squared = 0;
      for (int j = 0; j < dimension; j++) {
        squared += (double) values[offset + j] * values[offset + j];
      }
      if (normalise && squared > 0) {
        float scale = (float) (1 / Math.sqrt(squared));
        for (int j = 0; j < dimension; j++) {
          values[offset + j] *= scale;
        }
        squared = 1;
      }
      norms[rows++] = (float) squared;
    }

    boolean full() {
      return rows == capacity;
    }

    DenseBlock build() {
      DenseBlock block =
          rows == capacity
              ? new DenseBlock(rows, dimension, values, norms)
              : new DenseBlock(rows, dimension, Arrays.copyOf(values, rows * dimension), Arrays.copyOf(norms, rows));
      reset();
      return block;
    }
  }

  /** The centres of one iteration as float32 rows, with their squared norms computed once on the driver. */
  static final class Centres implements java.io.Serializable {
    final float[] values;
    final float[] squaredNorms;
    final int count;

    Centres(double[][] centres, int dimension) {
      this.count = centres.length;
      this.values = new float[count * dimension];
      this.squaredNorms = new float[count];
      for (int c = 0; c < count; c++) {
        float squared = 0;
        for (int j = 0; j < dimension; j++) {
          float v = (float) centres[c][j];
          values[c * dimension + j] = v;
          squared += v * v;
        }
        squaredNorms[c] = squared;
      }
    }
  }

  /** Per-cluster sums and counts and the total cost, accumulated over blocks then merged. */
  static final class Accumulation implements java.io.Serializable {
    private static final int CHUNK_ROWS = 256;
    private final int clusters;
    private final int dimension;
    // Allocated on first use: the empty accumulation is the zero value that Spark serialises into every task.
    double[] sums;
    long[] counts;
    double cost;
    private transient float[] dots;
    private transient float[] blockSums;
    private transient int[] labels;

    Accumulation(int clusters, int dimension) {
      this.clusters = clusters;
      this.dimension = dimension;
    }

    private void allocate() {
      if (sums == null) {
        sums = new double[clusters * dimension];
        counts = new long[clusters];
      }
    }

    Accumulation add(DenseBlock block, Centres centres) {
      allocate();
      int d = block.dimension;
      int clusters = centres.count;
      if (dots == null || dots.length < CHUNK_ROWS * clusters) {
        dots = new float[CHUNK_ROWS * clusters];
        labels = new int[CHUNK_ROWS];
      }
      if (blockSums == null) {
        blockSums = new float[sums.length];
      } else {
        Arrays.fill(blockSums, 0f);
      }
      // Column-major view: centres as a d x k matrix, block rows as a d x n matrix. One SGEMM per chunk of CHUNK_ROWS
      // rows gives |c|^2 - 2 x.c (the chunk's distances to every centre, less |x|^2, which does not change the
      // nearest): dots starts as the centres' squared norms, then dots = -2 C^T X + dots. Chunks are small enough that
      // a chunk's rows are still in cache when they are added to their centre's sums right after the multiply.
      float[] norms = centres.squaredNorms;
      double blockCost = 0;
      for (int first = 0; first < block.rows; first += CHUNK_ROWS) {
        int rows = Math.min(CHUNK_ROWS, block.rows - first);
        for (int r = 0; r < rows; r++) {
          System.arraycopy(norms, 0, dots, r * clusters, clusters);
        }
        BLAS.getInstance()
            .sgemm("T", "N", clusters, rows, d, -2f, centres.values, 0, d, block.values, first * d, d, 1f, dots, 0, clusters);
        for (int r = 0; r < rows; r++) {
          int row = r * clusters;
          int best = nearest(dots, row, clusters);
          labels[r] = best;
          counts[best]++;
          blockCost += Math.max(0.0, (double) dots[row + best] + block.squaredNorms[first + r]);
        }
        for (int r = 0; r < rows; r++) {
          addRow(blockSums, labels[r] * d, block.values, (first + r) * d, d);
        }
      }
      cost += blockCost;
      for (int j = 0; j < sums.length; j++) {
        sums[j] += blockSums[j];
      }
      return this;
    }

    /** The index of the smallest of {@code count} values from {@code offset}. */
    private static int nearest(float[] distances, int offset, int count) {
      int best = 0;
      float smallest = distances[offset];
      for (int c = 1; c < count; c++) {
        float distance = distances[offset + c];
        if (distance < smallest) {
          smallest = distance;
          best = c;
        }
      }
      return best;
    }

    /**
     * sums[to..to+d) += values[from..from+d). Float sums within a block (a few thousand rows: no precision at stake),
     * folded into the double totals once per block. Unrolled by hand: HotSpot's JDK 17 auto-vectoriser gives up on two
     * float arrays that might alias, and the unrolled loop measured a quarter faster than the plain one.
     */
    private static void addRow(float[] sums, int to, float[] values, int from, int d) {
      int j = 0;
      for (; j + 8 <= d; j += 8) {
        sums[to + j] += values[from + j];
        sums[to + j + 1] += values[from + j + 1];
        sums[to + j + 2] += values[from + j + 2];
        sums[to + j + 3] += values[from + j + 3];
        sums[to + j + 4] += values[from + j + 4];
        sums[to + j + 5] += values[from + j + 5];
        sums[to + j + 6] += values[from + j + 6];
        sums[to + j + 7] += values[from + j + 7];
      }
      for (; j < d; j++) {
        sums[to + j] += values[from + j];
      }
    }

    Accumulation merge(Accumulation other) {
      if (other.sums == null) {
        return this;
      }
      allocate();
      for (int i = 0; i < sums.length; i++) {
        sums[i] += other.sums[i];
      }
      for (int c = 0; c < counts.length; c++) {
        counts[c] += other.counts[c];
      }
      cost += other.cost;
      return this;
    }
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String column = getOrDefault(featuresCol);
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new IllegalArgumentException(
          "Column " + column + " does not exist. Available: " + String.join(", ", schema.fieldNames()));
    }
    return schema.add(getOrDefault(predictionCol), org.apache.spark.sql.types.DataTypes.IntegerType, false);
  }

  @Override
  public DenseKMeans copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public String uid() {
    return uid;
  }

  public static MLReader<DenseKMeans> read() {
    return new DefaultParamsReader<>();
  }

  public static DenseKMeans load(String path) {
    return read().load(path);
  }
}
