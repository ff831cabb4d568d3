package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import io.textcluster.config.ClusterConfig;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The params every clustering Estimator shares with its Model, declared once (as MLlib's KMeansParams serves both
 * KMeans and KMeansModel). A Param is identified by its owner's uid and its name, so each accessor may build it
 * afresh: Spark finds them by reflection (public no-argument methods returning a Param), and two Params of the same
 * owner and name are equal keys of the param map. Implementations call {@link #setClusteringDefaults()} once in their
 * constructor.
 */
public interface ClusteringParams extends Params {
  String DEFAULT_FEATURES = "features";
  String DEFAULT_PREDICTION = Columns.CLUSTER_ID;
  String DEFAULT_DISTANCE = Columns.DISTANCE;
  String DEFAULT_PROBABILITY = Columns.PROBABILITY;

  default Param<String> featuresCol() {
    return new Param<>(this, "featuresCol", "vector column of the documents' features");
  }

  default Param<String> predictionCol() {
    return new Param<>(this, "predictionCol", "int column to create with each document's cluster (-1 for noise)");
  }

  default Param<String> distanceCol() {
    return new Param<>(this, "distanceCol",
        "double column to create with each document's distance to its cluster's centre (null for noise)");
  }

  default Param<String> probabilityCol() {
    return new Param<>(this, "probabilityCol",
        "double column to create with the highest membership probability (mixture models only)");
  }

  default IntParam k() {
    return new IntParam(this, "k", "number of clusters to find (> 1); density methods find their own",
        ParamValidators.<Object>gt(1));
  }

  default LongParam seed() {
    return new LongParam(this, "seed", "random seed: the same data, params and seed give the same clusters");
  }

  default Param<String> distanceMeasure() {
    return new Param<>(this, "distanceMeasure", "cosine (1 - cosine similarity) or euclidean",
        ParamValidators.inArray(new String[] {ClusterConfig.COSINE, ClusterConfig.EUCLIDEAN}));
  }

  /** The defaults of conf/defaults.conf, so an Estimator built in code behaves as a run with an empty config. */
  default void setClusteringDefaults() {
    setDefault(featuresCol(), DEFAULT_FEATURES);
    setDefault(predictionCol(), DEFAULT_PREDICTION);
    setDefault(distanceCol(), DEFAULT_DISTANCE);
    setDefault(probabilityCol(), DEFAULT_PROBABILITY);
    setDefault(k(), 8);
    setDefault(seed(), 42L);
    setDefault(distanceMeasure(), ClusterConfig.COSINE);
  }

  default String getFeaturesCol() {
    return getOrDefault(featuresCol());
  }

  default String getPredictionCol() {
    return getOrDefault(predictionCol());
  }

  default String getDistanceCol() {
    return getOrDefault(distanceCol());
  }

  default String getProbabilityCol() {
    return getOrDefault(probabilityCol());
  }

  default int getK() {
    return (Integer) getOrDefault(k());
  }

  default long getSeed() {
    return (Long) getOrDefault(seed());
  }

  default String getDistanceMeasure() {
    return getOrDefault(distanceMeasure());
  }

  default boolean isCosine() {
    return ClusterConfig.COSINE.equals(getDistanceMeasure());
  }

  /**
   * The output schema of fit and transform: the features column must exist and hold vectors; the prediction and
   * distance columns must not exist yet.
   */
  default StructType validateAndTransformSchema(StructType schema) {
    String features = getFeaturesCol();
    List<String> names = Arrays.asList(schema.fieldNames());
    if (!names.contains(features)) {
      throw new IllegalArgumentException(
          "Column " + features + " does not exist. Available columns: " + String.join(", ", names));
    }
    if (!schema.apply(features).dataType().equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException("Column " + features + " must be a vector but is "
          + schema.apply(features).dataType().catalogString() + ".");
    }
    for (String out : List.of(getPredictionCol(), getDistanceCol())) {
      if (names.contains(out)) {
        throw new IllegalArgumentException("Output column " + out + " already exists.");
      }
    }
    return schema.add(getPredictionCol(), DataTypes.IntegerType, false).add(getDistanceCol(), DataTypes.DoubleType);
  }
}
