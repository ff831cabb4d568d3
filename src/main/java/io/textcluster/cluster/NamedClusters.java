package io.textcluster.cluster;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The names the analyst gave some clusters (issue 22: seed and zero-shot topics), carried in the saved model as a
 * pass-through stage of its assignment rule: {@code names[i]} names cluster id i, "" leaves it to the describe stage.
 * Kept in the model rather than beside it so that every later id change (cluster.reduce-to's merge, cluster.match-run's
 * renumbering) moves the names with the ids: {@link ClusterNames} reads them back through those stages.
 */
public class NamedClusters extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private final String uid;

  public NamedClusters(String uid) {
    this.uid = uid;
    setDefault(names(), new String[0]);
  }

  public NamedClusters() {
    this(Identifiable.randomUID("namedClusters"));
  }

  public StringArrayParam names() {
    return new StringArrayParam(this, "names", "the analyst's name of each cluster id (\"\" = named from keywords)");
  }

  public NamedClusters setNames(String[] value) {
    set(names(), value);
    return this;
  }

  public String[] getNames() {
    return getOrDefault(names());
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    return dataset.toDF();
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return schema;
  }

  @Override
  public NamedClusters copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public String uid() {
    return uid;
  }

  public static MLReader<NamedClusters> read() {
    return new DefaultParamsReader<>();
  }

  public static NamedClusters load(String path) {
    return (NamedClusters) read().load(path);
  }
}
