package io.textcluster.cluster;

import io.textcluster.config.ClusterConfig;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What every clustering Estimator has in common: the shared {@link ClusteringParams} and their setters, schema
 * checks, params-only persistence, and a fit that runs the method's existing fit code on the run's cluster settings
 * these params stand for ({@link #settings()}), then hands the model the shared params and itself as parent.
 *
 * @param <E> the concrete Estimator, so setters chain with its own type
 */
public abstract class ClusteringEstimator<E extends ClusteringEstimator<E>> extends Estimator<ClusteringModel>
    implements ClusteringParams, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  /** conf/defaults.conf's values, for the settings a method does not read. */
  static final ClusterConfig DEFAULTS =
      new ClusterConfig(ClusterConfig.KMEANS, 8, 42L, 100, 1.0e-4, ClusterConfig.COSINE, "k-means||", 2, 5,
          ClusterConfig.SOLVER_AUTO, 0.01, ClusterConfig.GMM_REDUCTION_LSA, 20, false);

  private final String uid;

  protected ClusteringEstimator(String uid) {
    this.uid = uid;
    setClusteringDefaults();
  }

  /** The run's cluster settings these params stand for (the method's own fit code reads them). */
  public abstract ClusterConfig settings();

  /** Runs the method's fit on {@code data} with {@code settings}; the model's assigner writes {@code cluster_id}. */
  abstract ClusteringModel fitModel(ClusterConfig settings, Dataset<Row> data);

  @SuppressWarnings("unchecked")
  protected E self() {
    return (E) this;
  }

  public E setFeaturesCol(String value) {
    set(featuresCol(), value);
    return self();
  }

  public E setPredictionCol(String value) {
    set(predictionCol(), value);
    return self();
  }

  public E setDistanceCol(String value) {
    set(distanceCol(), value);
    return self();
  }

  public E setProbabilityCol(String value) {
    set(probabilityCol(), value);
    return self();
  }

  public E setK(int value) {
    set(k(), value);
    return self();
  }

  public E setSeed(long value) {
    set(seed(), value);
    return self();
  }

  public E setDistanceMeasure(String value) {
    set(distanceMeasure(), value);
    return self();
  }

  @Override
  public ClusteringModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    ClusteringModel model = fitModel(settings(), dataset.toDF());
    return copyValues(model, ParamMap.empty()).setParent(this);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return validateAndTransformSchema(schema);
  }

  @Override
  public E copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** A density method's settings: the shared params plus cluster.density; k is not read by these methods. */
  static ClusterConfig densitySettings(String algorithm, ClusteringEstimator<?> params, ClusterConfig.Density density) {
    return new ClusterConfig(algorithm, params.getK(), params.getSeed(), DEFAULTS.maxIterations(),
        DEFAULTS.tolerance(), params.getDistanceMeasure(), DEFAULTS.init(), DEFAULTS.initSteps(), DEFAULTS.restarts(),
        DEFAULTS.kmeansSolver(), DEFAULTS.lbgEpsilon(), DEFAULTS.gmmReduction(), DEFAULTS.gmmDimensions(),
        DEFAULTS.gmmProbabilities(), density, ClusterConfig.Agglomerative.DEFAULTS, ClusterConfig.Sweep.OFF);
  }
}
