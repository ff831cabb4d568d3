package io.textcluster.cluster;

import java.util.Arrays;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Drops working columns an assigner made for itself (e.g. the reduced features), so its output is the usual one. */
public class DropColumns extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private final String uid;

  public DropColumns(String uid) {
    this.uid = uid;
  }

  public DropColumns() {
    this(Identifiable.randomUID("dropColumns"));
  }

  public StringArrayParam columns() {
    return new StringArrayParam(this, "columns", "columns to drop (missing ones are ignored)");
  }

  public DropColumns setColumns(String... names) {
    set(columns(), names);
    return this;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    return dataset.toDF().drop(getOrDefault(columns()));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    var dropped = Arrays.asList(getOrDefault(columns()));
    return new StructType(
        Arrays.stream(schema.fields()).filter(f -> !dropped.contains(f.name())).toArray(StructField[]::new));
  }

  @Override
  public DropColumns copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public String uid() {
    return uid;
  }

  public static MLReader<DropColumns> read() {
    return new DefaultParamsReader<>();
  }
}
