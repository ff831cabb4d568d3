package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * cluster.reduce-to in a saved model: fitted cluster {@code i} becomes merged cluster {@code into[i]} (several fitted
 * clusters may share one); noise (-1) and ids beyond the array stay as they are. Unlike {@link ClusterIdMapping},
 * the mapping is many-to-one.
 */
public class ClusterMerge extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private final String uid;

  public ClusterMerge(String uid) {
    this.uid = uid;
    setDefault(clusterCol(), Columns.CLUSTER_ID);
  }

  public ClusterMerge() {
    this(Identifiable.randomUID("clusterMerge"));
  }

  public Param<String> clusterCol() {
    return new Param<>(this, "clusterCol", "int column of cluster ids, replaced by the merged ids");
  }

  public IntArrayParam into() {
    return new IntArrayParam(this, "into", "the merged cluster of each fitted cluster id (index = fitted id)");
  }

  public ClusterMerge setInto(int[] value) {
    set(into(), value);
    return this;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    String cluster = getOrDefault(clusterCol());
    int[] merged = getOrDefault(into());
    Column mapped = col(cluster);
    for (int fitted = merged.length - 1; fitted >= 0; fitted--) {
      mapped = when(col(cluster).equalTo(fitted), lit(merged[fitted])).otherwise(mapped);
    }
    return dataset.toDF().withColumn(cluster, mapped);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return schema;
  }

  @Override
  public ClusterMerge copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public String uid() {
    return uid;
  }

  public static MLReader<ClusterMerge> read() {
    return new DefaultParamsReader<>();
  }
}
