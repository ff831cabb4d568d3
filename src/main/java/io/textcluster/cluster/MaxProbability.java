package io.textcluster.cluster;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.col;

import io.textcluster.ml.ColumnTransformer;
import java.util.Arrays;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A mixture model's per-document membership: the highest probability as a double column (what the assignments table
 * shows), and the full vector either kept as an array of doubles (readable in any lake engine) or dropped.
 */
public class MaxProbability extends ColumnTransformer<MaxProbability> implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final BooleanParam keepVector;

  public MaxProbability(String uid) {
    super(uid, "column of membership probability vectors", "column receiving the highest membership probability");
    this.keepVector =
        new BooleanParam(this, "keepVector", "keep the full vector (as array<double>) instead of dropping it");
    setDefault(inputCol(), "probabilities");
    setDefault(outputCol(), "probability");
    setDefault(keepVector, false);
  }

  public MaxProbability() {
    this(Identifiable.randomUID("maxProbability"));
  }

  public BooleanParam keepVector() {
    return keepVector;
  }

  public MaxProbability setKeepVector(boolean value) {
    set(keepVector, value);
    return this;
  }

  public boolean getKeepVector() {
    return (Boolean) getOrDefault(keepVector);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    if (!Arrays.asList(schema.fieldNames()).contains(getInputCol())) {
      throw new IllegalArgumentException(
          "Column " + getInputCol() + " of probability vectors is missing; columns are "
              + String.join(", ", schema.fieldNames()));
    }
    StructType out = new StructType();
    for (var field : schema.fields()) {
      if (!field.name().equals(getInputCol())) {
        out = out.add(field);
      } else if (getKeepVector()) {
        out = out.add(getInputCol(), DataTypes.createArrayType(DataTypes.DoubleType, false), true);
      }
    }
    return out.add(getOutputCol(), DataTypes.DoubleType, true);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Dataset<Row> withMax =
        dataset.withColumn(getOutputCol(), array_max(vector_to_array(col(getInputCol()), "float64")));
    return getKeepVector()
        ? withMax.withColumn(getInputCol(), vector_to_array(col(getInputCol()), "float64"))
        : withMax.drop(getInputCol());
  }

  public static MLReader<MaxProbability> read() {
    return new DefaultParamsReader<>();
  }

  public static MaxProbability load(String path) {
    return read().load(path);
  }
}
