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
import org.apache.spark.sql.Row;
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

  /** Where MLlib's k-means starts for these params: its own initialisation, no Lloyd iteration. */
  public KMeansModel initialCentres(Dataset<?> dataset) {
    return new KMeans()
        .setFeaturesCol(getOrDefault(featuresCol))
        .setK((Integer) getOrDefault(k))
        .setSeed((Long) getOrDefault(seed))
        .setDistanceMeasure(getOrDefault(distanceMeasure))
        .setInitMode(getOrDefault(initMode))
        .setInitSteps((Integer) getOrDefault(initSteps))
        .setMaxIter(0)
        .fit(dataset);
  }

  @Override
  public KMeansModel fit(Dataset<?> dataset) {
    return fitFrom(dataset, initialCentres(dataset).clusterCenters());
  }

  /** Lloyd iterations from the given centres. */
  public KMeansModel fitFrom(Dataset<?> dataset, Vector[] initial) {
    transformSchema(dataset.schema());
    boolean cosine = "cosine".equals(getOrDefault(distanceMeasure));
    JavaRDD<DenseBlock> blocks =
        toBlocks(dataset.select(getOrDefault(featuresCol)).toJavaRDD(), (Integer) getOrDefault(blockRows), cosine)
            .persist(StorageLevel.MEMORY_AND_DISK());
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
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
    try {
      boolean converged = false;
      while (iterations < (Integer) getOrDefault(maxIter) && !converged) {
        long started = System.nanoTime();
        Broadcast<float[]> shared = sc.broadcast(flatten(centres, dimension));
        Accumulation total;
        try {
          total = blocks.treeAggregate(
              new Accumulation(clusters, dimension),
              (acc, block) -> acc.add(block, shared.value(), clusters),
              Accumulation::merge,
              2);
        } finally {
          shared.destroy();
        }
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
        cost = total.cost;
        iterations++;
        LOG.debug("iteration {}: {} s", iterations, (System.nanoTime() - started) / 1e9);
      }
      // The cost of the final centres, as MLlib reports it (sum of squared distances, or of cosine distances).
      cost = finalCost(blocks, sc, centres, dimension, cosine);
    } finally {
      blocks.unpersist(false);
    }
    org.apache.spark.mllib.linalg.Vector[] mllibCentres = new org.apache.spark.mllib.linalg.Vector[clusters];
    for (int c = 0; c < clusters; c++) {
      mllibCentres[c] = Vectors.dense(centres[c]);
    }
    org.apache.spark.mllib.clustering.KMeansModel fitted =
        new org.apache.spark.mllib.clustering.KMeansModel(
            mllibCentres, getOrDefault(distanceMeasure), cost, iterations);
    KMeansModel model = new KMeansModel(uid, fitted);
    model.setFeaturesCol(getOrDefault(featuresCol));
    model.setPredictionCol(getOrDefault(predictionCol));
    model.setParent(new KMeans().setK(clusters).setDistanceMeasure(getOrDefault(distanceMeasure)));
    return model;
  }

  private static double finalCost(
      JavaRDD<DenseBlock> blocks, JavaSparkContext sc, double[][] centres, int dimension, boolean cosine) {
    Broadcast<float[]> shared = sc.broadcast(flatten(centres, dimension));
    try {
      Accumulation total =
          blocks.treeAggregate(
              new Accumulation(centres.length, dimension),
              (acc, block) -> acc.add(block, shared.value(), centres.length),
              Accumulation::merge,
              2);
      // For unit rows and centres the cosine distance is half the squared euclidean one.
      return cosine ? total.cost / 2 : total.cost;
    } finally {
      shared.destroy();
    }
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

  private static float[] flatten(double[][] centres, int dimension) {
    float[] flat = new float[centres.length * dimension];
    for (int c = 0; c < centres.length; c++) {
      for (int j = 0; j < dimension; j++) {
        flat[c * dimension + j] = (float) centres[c][j];
      }
    }
    return flat;
  }

  static JavaRDD<DenseBlock> toBlocks(JavaRDD<Row> rows, int blockRows, boolean normalise) {
    return rows.mapPartitions(
        (Iterator<Row> it) -> {
          List<DenseBlock> blocks = new ArrayList<>();
          List<double[]> pending = new ArrayList<>(blockRows);
          while (it.hasNext()) {
            pending.add(((Vector) it.next().get(0)).toArray());
            if (pending.size() == blockRows) {
              blocks.add(pack(pending, normalise));
              pending.clear();
            }
          }
          if (!pending.isEmpty()) {
            blocks.add(pack(pending, normalise));
          }
          return blocks.iterator();
        });
  }

  private static DenseBlock pack(List<double[]> rows, boolean normalise) {
    int dimension = rows.get(0).length;
    float[] values = new float[rows.size() * dimension];
    float[] norms = new float[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      double[] row = rows.get(i);
      if (row.length != dimension) {
        throw new IllegalArgumentException(
            "Feature vectors must all have one dimension; found " + dimension + " and " + row.length);
      }
      double squared = 0;
      for (double x : row) {
        squared += x * x;
      }
      double scale = normalise && squared > 0 ? 1 / Math.sqrt(squared) : 1;
      for (int j = 0; j < dimension; j++) {
        values[i * dimension + j] = (float) (row[j] * scale);
      }
      norms[i] = (float) (normalise && squared > 0 ? 1 : squared);
    }
    return new DenseBlock(rows.size(), dimension, values, norms);
  }

  /** Per-cluster sums and counts and the total cost, accumulated over blocks then merged. */
  static final class Accumulation implements java.io.Serializable {
    final double[] sums;
    final long[] counts;
    double cost;
    private transient float[] dots;

    Accumulation(int clusters, int dimension) {
      this.sums = new double[clusters * dimension];
      this.counts = new long[clusters];
    }

    Accumulation add(DenseBlock block, float[] centres, int clusters) {
      int d = block.dimension;
      float[] centreNorms = new float[clusters];
      for (int c = 0; c < clusters; c++) {
        float s = 0;
        for (int j = 0; j < d; j++) {
          float v = centres[c * d + j];
          s += v * v;
        }
        centreNorms[c] = s;
      }
      if (dots == null || dots.length < block.rows * clusters) {
        dots = new float[block.rows * clusters];
      }
      // Column-major view: centres as a d x k matrix, block rows as a d x n matrix; dots = C^T X is k x n.
      BLAS.getInstance().sgemm("T", "N", clusters, block.rows, d, 1f, centres, d, block.values, d, 0f, dots, clusters);
      for (int i = 0; i < block.rows; i++) {
        int best = 0;
        float bestDistance = Float.POSITIVE_INFINITY;
        for (int c = 0; c < clusters; c++) {
          float distance = centreNorms[c] - 2 * dots[i * clusters + c];
          if (distance < bestDistance) {
            bestDistance = distance;
            best = c;
          }
        }
        counts[best]++;
        cost += Math.max(0.0, (double) bestDistance + block.squaredNorms[i]);
        int offset = i * d;
        int target = best * d;
        for (int j = 0; j < d; j++) {
          sums[target + j] += block.values[offset + j];
        }
      }
      return this;
    }

    Accumulation merge(Accumulation other) {
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
