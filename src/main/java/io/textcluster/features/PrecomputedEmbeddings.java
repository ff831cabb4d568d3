package io.textcluster.features;

import io.textcluster.config.TextClusterException;
import io.textcluster.ml.ColumnTransformer;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spark ML stage for {@code provider = column}: vectors the input already holds (array of numbers, ML vector, or a
 * {@code "[0.1, -0.2, ...]"} string as in seed 000's CSV) become L2-normalised ML vectors of one fixed dimension.
 * {@link #validate} checks every row before the run uses them and names the rows that fail.
 */
public class PrecomputedEmbeddings extends ColumnTransformer<PrecomputedEmbeddings> implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private static final int NAMED_ROWS = 5;

  private final IntParam dimension;

  public PrecomputedEmbeddings() {
    this(Identifiable.randomUID("precomputedEmbeddings"));
  }

  public PrecomputedEmbeddings(String uid) {
    super(uid, "column holding each document's vector", "column to create with the L2-normalised ML vector");
    dimension =
        new IntParam(this, "dimension", "the vectors' dimension; 0 until validate() takes it from the data",
            ParamValidators.gtEq(0));
    setDefault(dimension, 0);
  }

  public IntParam dimension() {
    return dimension;
  }

  public PrecomputedEmbeddings setDimension(int value) {
    set(dimension, value);
    return this;
  }

  public int getDimension() {
    return (Integer) $(dimension);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    asNumbers(schema, getInputCol());
    return schema.add(getOutputCol(), SQLDataTypes.VectorType(), true);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Column numbers = asNumbers(dataset.schema(), getInputCol());
    Column vector = functions.udf(new ToVector(getDimension()), SQLDataTypes.VectorType()).apply(numbers);
    return dataset.withColumn(getOutputCol(), vector);
  }

  /**
   * Checks every row: a vector is present, parses, has the expected dimension (the first row's when none is set) and
   * holds only finite numbers. Fixes this stage's dimension for later use; throws naming up to five failing rows.
   */
  public PrecomputedEmbeddings validate(Dataset<Row> documents, String idCol) {
    String in = getInputCol();
    Column numbers = asNumbers(documents.schema(), in);
    Dataset<Row> checked = documents.select(documents.col(idCol).as("id"), numbers.as("v"));
    int expected = getDimension();
    if (expected == 0) {
      Row first = checked.filter("v IS NOT NULL AND size(v) > 0").select(functions.size(functions.col("v"))).head();
      expected = first.getInt(0);
    }
    Column problem =
        functions
            .when(functions.col("v").isNull(), "missing or not a list of numbers")
            .when(functions.size(functions.col("v")).notEqual(expected),
                functions.concat(functions.lit("dimension "), functions.size(functions.col("v")).cast("string")))
            .when(
                functions.exists(
                    functions.col("v"), x -> functions.isnan(x).or(functions.abs(x).equalTo(Double.POSITIVE_INFINITY))),
                "NaN or infinity");
    Dataset<Row> bad = checked.withColumn("problem", problem).filter("problem IS NOT NULL").cache();
    try {
      long count = bad.count();
      if (count > 0) {
        List<String> named =
            bad.select("id", "problem").takeAsList(NAMED_ROWS).stream()
                .map(r -> r.get(0) + " (" + r.getString(1) + ")")
                .collect(Collectors.toList());
        throw new TextClusterException(
            count + " rows have no usable vector in column '" + in + "' (features.embedding.column.name; expected "
                + "dimension " + expected + ", finite numbers), e.g. doc_id " + String.join(", ", named)
                + ". Fix or drop those rows, or set 'features.embedding.column.dimension'.");
      }
    } finally {
      bad.unpersist();
    }
    return setDimension(expected);
  }

  /** The input as array&lt;double&gt; (null where a string does not parse): one shape for every accepted type. */
  static Column asNumbers(StructType schema, String name) {
    if (!List.of(schema.fieldNames()).contains(name)) {
      throw new TextClusterException(
          "The embedding column '" + name + "' (features.embedding.column.name) is not in the input; its columns "
              + "are " + String.join(", ", schema.fieldNames()) + ". Also list it in 'input.keep-columns'.");
    }
    DataType type = schema.apply(name).dataType();
    Column c = functions.col("`" + name + "`");
    if (type instanceof ArrayType array && array.elementType() instanceof org.apache.spark.sql.types.NumericType) {
      return c.cast(DataTypes.createArrayType(DataTypes.DoubleType));
    }
    if (type.equals(SQLDataTypes.VectorType())) {
      return org.apache.spark.ml.functions.vector_to_array(c, "float64");
    }
    if (type.equals(DataTypes.StringType)) {
      return functions.udf(new ParseList(), DataTypes.createArrayType(DataTypes.DoubleType)).apply(c);
    }
    throw new TextClusterException(
        "The embedding column '" + name + "' has type " + type.catalogString() + "; features.embedding.provider = "
            + "column reads an array of numbers, an ML vector, or a string like \"[0.1, -0.2]\".");
  }

  public static MLReader<PrecomputedEmbeddings> read() {
    return new DefaultParamsReader<>();
  }

  public static PrecomputedEmbeddings load(String path) {
    return read().load(path);
  }

  /** Parses "[0.1, -0.2, 3e-4]" (JSON/Python list syntax); null when it is not one. */
  static final class ParseList implements UDF1<String, double[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public double[] call(String text) {
      if (text == null) {
        return null;
      }
      String s = text.trim();
      if (s.length() < 2 || s.charAt(0) != '[' || s.charAt(s.length() - 1) != ']') {
        return null;
      }
      String body = s.substring(1, s.length() - 1).trim();
      if (body.isEmpty()) {
        return new double[0];
      }
      String[] parts = body.split(",");
      double[] values = new double[parts.length];
      try {
        for (int i = 0; i < parts.length; i++) {
          values[i] = Double.parseDouble(parts[i].trim());
        }
      } catch (NumberFormatException e) {
        return null;
      }
      return values;
    }
  }

  /** Checks one row (a saved model may see new data) and normalises it. */
  static final class ToVector implements UDF1<scala.collection.Seq<Object>, org.apache.spark.ml.linalg.Vector> {
    private static final long serialVersionUID = 1L;
    private final int dimension;

    ToVector(int dimension) {
      this.dimension = dimension;
    }

    @Override
    public org.apache.spark.ml.linalg.Vector call(scala.collection.Seq<Object> numbers) {
      if (numbers == null) {
        throw new IllegalArgumentException("A document has no vector, or one that is not a list of numbers");
      }
      double[] values = new double[numbers.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = ((Number) numbers.apply(i)).doubleValue();
        if (!Double.isFinite(values[i])) {
          throw new IllegalArgumentException("A document's vector holds NaN or infinity at position " + i);
        }
      }
      if (dimension > 0 && values.length != dimension) {
        throw new IllegalArgumentException(
            "A document's vector has dimension " + values.length + ", expected " + dimension);
      }
      return Vectors.dense(EmbeddingVector.normalise(values));
    }
  }
}
