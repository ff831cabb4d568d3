package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One clustering algorithm behind the value of {@code cluster.algorithm}. Implementations fit on the featurized
 * documents and return a Spark ML model that writes {@link Columns#CLUSTER_ID} (an int; -1 for noise) on any
 * rows with the features column, so a saved run assigns new documents exactly as it assigned its own.
 */
public interface ClusteringMethod {
  FittedClustering fit(Dataset<Row> featurized, String featuresCol);
}
