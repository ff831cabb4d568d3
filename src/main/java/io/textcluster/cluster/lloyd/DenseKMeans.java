package io.textcluster.cluster.lloyd;

import java.util.Arrays;
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
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * k-means for dense features (embeddings, LSA): rows packed into float32 blocks ({@link DenseBlockPacker}), each
 * block's distances to all centres computed by SGEMM from precomputed norms (|x - c|^2 = |x|^2 - 2 x.c + |c|^2), sums
 * and counts accumulated per partition ({@link CentreSums}). In local mode all iterations run in one job of barrier
 * tasks that swap their sums in memory ({@link LocalLloyd}); elsewhere each iteration is a job: centres broadcast,
 * sums combined by treeAggregate. The initial centres come from MLlib's own k-means|| or random initialisation
 * ({@link MllibStarts}), so for the same seed it starts where MLlib starts and reaches the same cost. Cosine
 * distance is spherical k-means: rows and centres normalised. An empty cluster keeps its previous centre, as in MLlib.
 * The result is an MLlib {@link KMeansModel}, usable (saved, loaded, used for prediction) wherever MLlib's is.
 */
public class DenseKMeans extends Estimator<KMeansModel> implements DefaultParamsWritable {
  public static final String EXECUTION_AUTO = "auto";
  public static final String EXECUTION_BARRIER = "barrier";
  public static final String EXECUTION_JOB_PER_ITERATION = "job-per-iteration";
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
  private final Param<String> execution;

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
    this.execution =
        new Param<>(
            this,
            "execution",
            "auto (in local mode all iterations in one barrier job, else a job per iteration), barrier (local mode"
                + " only) or job-per-iteration",
            ParamValidators.inArray(new String[] {EXECUTION_AUTO, EXECUTION_BARRIER, EXECUTION_JOB_PER_ITERATION}));
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
    setDefault(execution, EXECUTION_AUTO);
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
  public Param<String> execution() { return execution; }

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
  public DenseKMeans setExecution(String v) { set(execution, v); return this; }

  /**
   * Where MLlib's k-means starts for these params: its own initialisation, no Lloyd iteration ({@link MllibStarts}).
   * The model has the centres only, no summary.
   */
  public KMeansModel initialCentres(Dataset<?> dataset) {
    Vector[] start = MllibStarts.forSeed(dataset, startSettings(), (Long) getOrDefault(seed));
    org.apache.spark.mllib.linalg.Vector[] centres = new org.apache.spark.mllib.linalg.Vector[start.length];
    for (int c = 0; c < start.length; c++) {
      centres[c] = Vectors.fromML(start[c]);
    }
    KMeansModel model =
        new KMeansModel(uid, new org.apache.spark.mllib.clustering.KMeansModel(centres, getOrDefault(distanceMeasure), 0.0, 0));
    model.setFeaturesCol(getOrDefault(featuresCol));
    model.setPredictionCol(getOrDefault(predictionCol));
    return model;
  }

  private MllibStarts.Settings startSettings() {
    return new MllibStarts.Settings(getOrDefault(featuresCol), (Integer) getOrDefault(k), getOrDefault(initMode),
        (Integer) getOrDefault(initSteps), getOrDefault(distanceMeasure));
  }

  /**
   * Fits from {@code restarts} initialisations (seeds derived from {@code seed}, as scikit-learn's n_init) over one
   * packing of the rows into blocks, and keeps the fit with the lowest cost. The restarts' initial centres are
   * computed together while the rows are packed; the Lloyd fits then run one after another (in local mode each is a
   * barrier job that needs every task slot).
   */
  @Override
  public KMeansModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    int count = (Integer) getOrDefault(restarts);
    long[] seeds = new long[count];
    for (int restart = 0; restart < count; restart++) {
      seeds[restart] = (Long) getOrDefault(seed) + 7919L * restart;
    }
    PackedBlocks[] blocks = new PackedBlocks[1];
    Vector[][] starts;
    try {
      // Packed and cached while the starts are computed: every restart then iterates over the same blocks.
      starts = MllibStarts.forSeeds(dataset, startSettings(), seeds, () -> blocks[0] = packed(dataset, false));
    } catch (RuntimeException e) {
      if (blocks[0] != null) {
        blocks[0].rdd().unpersist(false);
      }
      throw e;
    }
    try {
      LloydProgress best = null;
      for (Vector[] start : starts) {
        LloydProgress fitted = lloyd(blocks[0], start);
        if (best == null || fitted.cost() < best.cost()) {
          best = fitted;
        }
      }
      return model(dataset, best);
    } finally {
      blocks[0].rdd().unpersist(false);
    }
  }

  /** Lloyd iterations from the given centres. */
  public KMeansModel fitFrom(Dataset<?> dataset, Vector[] initial) {
    transformSchema(dataset.schema());
    PackedBlocks blocks = packed(dataset, true);
    try {
      return model(dataset, lloyd(blocks, initial));
    } finally {
      blocks.rdd().unpersist(false);
    }
  }

  /**
   * The rows as blocks (cached, or lazy when the barrier tasks pack their own rows), and whether all iterations run in
   * one job over them.
   */
  private record PackedBlocks(JavaRDD<RowBlock> rdd, boolean inOneJob) {}

  /**
   * The rows as blocks for the Lloyd iterations. For one fit in local mode, when the barrier job can take the rows'
   * partitions as they are, its tasks pack their own rows: no job of its own to pack and cache them first.
   */
  private PackedBlocks packed(Dataset<?> dataset, boolean oneFit) {
    LOG.debug("packing the rows into blocks");
    JavaRDD<RowBlock> blocks =
        DenseBlockPacker.toBlocks(
            dataset.select(getOrDefault(featuresCol)),
            (Integer) getOrDefault(blockRows),
            "cosine".equals(getOrDefault(distanceMeasure)));
    String mode = getOrDefault(execution);
    String oneJobUnsupported =
        mode.equals(EXECUTION_JOB_PER_ITERATION) ? "asked for" : LocalLloyd.unsupportedReason(blocks.context());
    if (oneJobUnsupported == null) {
      if (oneFit && LocalLloyd.packsInTask(blocks)) {
        LOG.debug("Lloyd iterations in one barrier job whose {} tasks pack their own rows", blocks.getNumPartitions());
        return new PackedBlocks(blocks, true);
      }
      return new PackedBlocks(LocalLloyd.pack(blocks), true);
    }
    if (mode.equals(EXECUTION_BARRIER)) {
      throw new IllegalArgumentException(
          "Dense k-means cannot run its iterations as one barrier job: " + oneJobUnsupported
              + ". Set execution to auto or job-per-iteration.");
    }
    LOG.debug("Lloyd iterations as one job each: {}", oneJobUnsupported);
    return new PackedBlocks(blocks.persist(StorageLevel.MEMORY_AND_DISK()), false);
  }

  private LloydProgress lloyd(PackedBlocks blocks, Vector[] initial) {
    double[][] start = new double[initial.length][];
    for (int c = 0; c < initial.length; c++) {
      start[c] = initial[c].toArray();
    }
    LloydProgress progress =
        new LloydProgress(
            start, "cosine".equals(getOrDefault(distanceMeasure)), (Double) getOrDefault(tol), (Integer) getOrDefault(maxIter));
    return blocks.inOneJob() ? LocalLloyd.run(blocks.rdd(), progress) : jobPerIteration(blocks.rdd(), progress);
  }

  /** One Spark job per iteration: the centres broadcast, per-partition sums merged by treeAggregate on the driver. */
  private static LloydProgress jobPerIteration(JavaRDD<RowBlock> blocks, LloydProgress progress) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(blocks.context());
    while (!progress.finished()) {
      long started = System.nanoTime();
      Broadcast<FloatCentres> shared = sc.broadcast(progress.current());
      try {
        progress.apply(
            blocks.treeAggregate(
                progress.emptySums(), (sums, block) -> sums.add(block, shared.value()), CentreSums::merge, 2));
      } finally {
        shared.destroy();
      }
      LOG.debug("iteration {}: {} s", progress.iterations(), (System.nanoTime() - started) / 1e9);
    }
    return progress;
  }

  private KMeansModel model(Dataset<?> dataset, LloydProgress fitted) {
    double[][] centres = fitted.centres();
    int clusters = centres.length;
    org.apache.spark.mllib.linalg.Vector[] mllibCentres = new org.apache.spark.mllib.linalg.Vector[clusters];
    for (int c = 0; c < clusters; c++) {
      mllibCentres[c] = Vectors.dense(centres[c]);
    }
    org.apache.spark.mllib.clustering.KMeansModel rdd =
        new org.apache.spark.mllib.clustering.KMeansModel(
            mllibCentres, getOrDefault(distanceMeasure), fitted.cost(), fitted.iterations());
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
                fitted.iterations(),
                fitted.cost())));
    return model;
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
