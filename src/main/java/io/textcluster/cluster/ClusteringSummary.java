package io.textcluster.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What a fit reports about itself, kept with its model (and saved with it).
 *
 * @param method the cluster.algorithm value that fitted it, e.g. "kmeans"
 * @param iterations the refinement iterations run in all (0 for methods without any, e.g. density)
 * @param cost the method's own objective at the end: k-means' and LBG's training cost, bisecting k-means' cost,
 *     GMM's negative log-likelihood; NaN where a method has none (density, agglomerative)
 * @param parents the parent cluster of each cluster split from another (LBG's split tree); empty otherwise
 * @param metrics figures the method reports, added to the run's metrics under these names
 * @param description one line for the console, e.g. "12 iterations, best of 5 restarts"
 */
public record ClusteringSummary(
    String method,
    int iterations,
    double cost,
    Map<Integer, Integer> parents,
    Map<String, Double> metrics,
    String description) {
  private static final StructType SCHEMA =
      new StructType()
          .add("method", DataTypes.StringType, false)
          .add("iterations", DataTypes.IntegerType, false)
          .add("cost", DataTypes.DoubleType, false)
          .add("parents", DataTypes.createMapType(DataTypes.IntegerType, DataTypes.IntegerType, false), false)
          .add("metrics", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), false)
          .add("description", DataTypes.StringType, false);

  public ClusteringSummary {
    parents = Map.copyOf(parents);
    metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** One parquet row under {@code path}. */
  void save(SparkSession spark, String path) {
    Row row = RowFactory.create(method, iterations, cost, new TreeMap<>(parents), new LinkedHashMap<>(metrics),
        description);
    spark.createDataFrame(List.of(row), SCHEMA).repartition(1).write().parquet(path);
  }

  static ClusteringSummary load(SparkSession spark, String path) {
    Row row = spark.read().parquet(path).first();
    Map<String, Double> metrics = new TreeMap<>(row.<String, Double>getJavaMap(4));
    return new ClusteringSummary(
        row.getString(0), row.getInt(1), row.getDouble(2), row.<Integer, Integer>getJavaMap(3), metrics,
        row.getString(5));
  }
}
