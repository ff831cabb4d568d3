package io.textcluster.features;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.Arrays;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Drops the documents whose feature vector is all zeros: every term outside the vocabulary, so the vector has no
 * direction and no cluster (cosine distance is undefined for it). A stage of the saved model, so predicting with a run
 * drops exactly the documents the run itself dropped.
 */
public class DropEmptyVectors extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> inputCol;

  public DropEmptyVectors(String uid) {
    this.uid = uid;
    this.inputCol = new Param<>(this, "inputCol", "column of feature vectors; rows where it is all zeros are dropped");
    setDefault(inputCol, Columns.FEATURES);
  }

  public DropEmptyVectors() {
    this(Identifiable.randomUID("dropEmptyVectors"));
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public DropEmptyVectors setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  public String getInputCol() {
    return getOrDefault(inputCol);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    if (!Arrays.asList(schema.fieldNames()).contains(getInputCol())) {
      throw new IllegalArgumentException(
          "Column " + getInputCol() + " of feature vectors is missing; columns are "
              + String.join(", ", schema.fieldNames()));
    }
    return schema;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    return dataset.toDF().filter(
        udf((UDF1<Vector, Boolean>) v -> v != null && v.numNonzeros() > 0, DataTypes.BooleanType)
            .apply(col(getInputCol())));
  }

  @Override
  public DropEmptyVectors copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<DropEmptyVectors> read() {
    return new DefaultParamsReader<>();
  }

  public static DropEmptyVectors load(String path) {
    return read().load(path);
  }
}
