package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * cluster.density.noise = nearest | within: a noise document (cluster -1) takes the cluster in {@code candidateCol}
 * (its nearest centre, or -1 when that is too far); clustered documents keep theirs. The candidate column is dropped.
 */
public class NoiseFallback extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private final String uid;

  public NoiseFallback(String uid) {
    this.uid = uid;
    setDefault(clusterCol(), Columns.CLUSTER_ID);
    setDefault(candidateCol(), NoiseReassignment.CANDIDATE);
  }

  public NoiseFallback() {
    this(Identifiable.randomUID("noiseFallback"));
  }

  public Param<String> clusterCol() {
    return new Param<>(this, "clusterCol", "int column of cluster ids (-1 = noise), updated in place");
  }

  public Param<String> candidateCol() {
    return new Param<>(this, "candidateCol", "int column of the cluster a noise document may join (-1 = none)");
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    String cluster = getOrDefault(clusterCol());
    String candidate = getOrDefault(candidateCol());
    return dataset.toDF()
        .withColumn(cluster, when(col(cluster).lt(0), col(candidate)).otherwise(col(cluster)))
        .drop(candidate);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String candidate = getOrDefault(candidateCol());
    return new StructType(java.util.Arrays.stream(schema.fields()).filter(f -> !f.name().equals(candidate))
        .toArray(org.apache.spark.sql.types.StructField[]::new));
  }

  @Override
  public NoiseFallback copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public String uid() {
    return uid;
  }

  public static MLReader<NoiseFallback> read() {
    return new DefaultParamsReader<>();
  }
}
