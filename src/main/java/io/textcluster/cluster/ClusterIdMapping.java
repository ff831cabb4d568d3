package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
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
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * Renumbers cluster ids: the fitted model's id {@code from[i]} becomes {@code to[i]} (any other id, e.g. -1 noise, is
 * kept). Appended to a re-fitted run's model when its clusters take the ids of an earlier run's (cluster.match-run), so
 * the saved model assigns new documents the ids the run's tables show. A kept membership vector (array column) is
 * reordered to match: element i is the probability of cluster id i.
 */
public class ClusterIdMapping extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> clusterCol;
  private final Param<String> probabilitiesCol;
  private final IntArrayParam from;
  private final IntArrayParam to;

  public ClusterIdMapping(String uid) {
    this.uid = uid;
    this.clusterCol = new Param<>(this, "clusterCol", "int column of cluster ids, renumbered in place");
    this.probabilitiesCol =
        new Param<>(this, "probabilitiesCol", "array column of membership probabilities, reordered when present");
    this.from = new IntArrayParam(this, "from", "the fitted model's cluster ids (distinct)");
    this.to = new IntArrayParam(this, "to", "the id each of 'from' becomes (distinct, >= 0)");
    setDefault(clusterCol, Columns.CLUSTER_ID);
    setDefault(probabilitiesCol, GaussianMixtureClustering.PROBABILITIES);
  }

  public ClusterIdMapping() {
    this(Identifiable.randomUID("clusterIdMapping"));
  }

  public ClusterIdMapping setMapping(int[] fromIds, int[] toIds) {
    if (fromIds.length != toIds.length
        || Arrays.stream(fromIds).distinct().count() != fromIds.length
        || Arrays.stream(toIds).distinct().count() != toIds.length
        || Arrays.stream(toIds).anyMatch(id -> id < 0)) {
      throw new IllegalArgumentException(
          "A cluster id mapping needs as many distinct 'from' ids as distinct non-negative 'to' ids: "
              + Arrays.toString(fromIds) + " -> " + Arrays.toString(toIds));
    }
    set(from, fromIds);
    set(to, toIds);
    return this;
  }

  public Param<String> clusterCol() {
    return clusterCol;
  }

  public Param<String> probabilitiesCol() {
    return probabilitiesCol;
  }

  public IntArrayParam from() {
    return from;
  }

  public IntArrayParam to() {
    return to;
  }

  /** The id the fitted model's id becomes (unchanged when the mapping does not name it). */
  public int map(int fitted) {
    int[] f = getOrDefault(from);
    int[] t = getOrDefault(to);
    for (int i = 0; i < f.length; i++) {
      if (f[i] == fitted) {
        return t[i];
      }
    }
    return fitted;
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    if (!Arrays.asList(schema.fieldNames()).contains(getOrDefault(clusterCol))) {
      throw new IllegalArgumentException(
          "Column " + getOrDefault(clusterCol) + " of cluster ids is missing; columns are "
              + String.join(", ", schema.fieldNames()));
    }
    return schema;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    int[] f = getOrDefault(from);
    int[] t = getOrDefault(to);
    String cluster = getOrDefault(clusterCol);
    Column renumbered = col(cluster);
    for (int i = f.length - 1; i >= 0; i--) {
      renumbered = when(col(cluster).equalTo(f[i]), lit(t[i])).otherwise(renumbered);
    }
    Dataset<Row> out = dataset.toDF().withColumn(cluster, renumbered);
    String probabilities = getOrDefault(probabilitiesCol);
    if (Arrays.asList(dataset.schema().fieldNames()).contains(probabilities)
        && dataset.schema().apply(probabilities).dataType() instanceof ArrayType) {
      Map<Integer, Integer> fittedIndexOf = new HashMap<>();
      for (int i = 0; i < f.length; i++) {
        fittedIndexOf.put(t[i], f[i]);
      }
      int size = Arrays.stream(t).max().orElse(-1) + 1;
      Column[] elements = new Column[size];
      for (int id = 0; id < size; id++) {
        Integer fitted = fittedIndexOf.get(id);
        elements[id] = fitted == null ? lit(0.0) : col(probabilities).getItem(fitted);
      }
      out = out.withColumn(probabilities, array(elements));
    }
    return out;
  }

  @Override
  public ClusterIdMapping copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<ClusterIdMapping> read() {
    return new DefaultParamsReader<>();
  }

  public static ClusterIdMapping load(String path) {
    return read().load(path);
  }
}
