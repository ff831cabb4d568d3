package io.textcluster.features;

import io.textcluster.ml.ColumnTransformer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * Spark ML stage: the array of sentence vectors Spark NLP's EmbeddingsFinisher writes (one per document annotation)
 * becomes one L2-normalised ML vector, and the annotation columns are dropped. Dropping matters: the annotations hold a
 * copy of every vector plus metadata, and the job caches the featurized rows.
 */
public class EmbeddingVector extends ColumnTransformer<EmbeddingVector> implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final StringArrayParam dropCols;

  public EmbeddingVector() {
    this(Identifiable.randomUID("embeddingVector"));
  }

  public EmbeddingVector(String uid) {
    super(uid, "array<vector> written by EmbeddingsFinisher (outputAsVector)",
        "column to create with the L2-normalised vector");
    dropCols = new StringArrayParam(this, "dropCols", "intermediate columns removed after the vector is taken");
    setDefault(dropCols, new String[0]);
  }

  public StringArrayParam dropCols() {
    return dropCols;
  }

  public EmbeddingVector setDropCols(String... value) {
    set(dropCols, value);
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    requireColumn(schema, getInputCol());
    StructType out = schema.add(getOutputCol(), SQLDataTypes.VectorType(), true);
    List<String> drop = Arrays.asList($(dropCols));
    List<org.apache.spark.sql.types.StructField> kept = new ArrayList<>();
    for (var f : out.fields()) {
      if (!drop.contains(f.name())) {
        kept.add(f);
      }
    }
    return new StructType(kept.toArray(org.apache.spark.sql.types.StructField[]::new));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Column first = functions.element_at(dataset.col(getInputCol()), 1);
    Column vector = functions.udf(new Normalise(), SQLDataTypes.VectorType()).apply(first);
    return dataset.withColumn(getOutputCol(), vector).drop($(dropCols));
  }

  public static MLReader<EmbeddingVector> read() {
    return new DefaultParamsReader<>();
  }

  public static EmbeddingVector load(String path) {
    return read().load(path);
  }

  /** L2 normalisation so cosine and euclidean k-means agree; a zero vector stays zero (no direction to keep). */
  static final class Normalise implements UDF1<Vector, Vector> {
    private static final long serialVersionUID = 1L;

    @Override
    public Vector call(Vector v) {
      if (v == null) {
        return null;
      }
      double[] values = v.toArray().clone();
      return Vectors.dense(normalise(values));
    }
  }

  static double[] normalise(double[] values) {
    double norm = 0;
    for (double x : values) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int i = 0; i < values.length; i++) {
        values[i] /= norm;
      }
    }
    return values;
  }
}
