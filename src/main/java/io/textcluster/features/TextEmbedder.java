package io.textcluster.features;

import io.textcluster.ml.ColumnTransformer;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A stage that embeds a text column a partition at a time (so each task batches its texts into few model or API
 * calls) and appends the vector, never null, as {@code outputCol}. The subclass says only what a task runs.
 *
 * @param <T> the stage itself, so the setters chain with its own type
 */
public abstract class TextEmbedder<T extends TextEmbedder<T>> extends ColumnTransformer<T> {
  private static final long serialVersionUID = 1L;

  protected TextEmbedder(String uid, String inputColDoc, String outputColDoc) {
    super(uid, inputColDoc, outputColDoc);
  }

  /**
   * The function each task runs over its rows, appending the vector as the last field. It should hold plain values
   * (and broadcasts), not the stage; {@code textIndex} is the text column's position in a row.
   */
  protected abstract MapPartitionsFunction<Row, Row> partitionEmbedder(SparkSession spark, int textIndex);

  @Override
  public StructType transformSchema(StructType schema) {
    requireColumn(schema, getInputCol());
    return schema.add(getOutputCol(), SQLDataTypes.VectorType(), false);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema());
    MapPartitionsFunction<Row, Row> embed =
        partitionEmbedder(dataset.sparkSession(), dataset.schema().fieldIndex(getInputCol()));
    return dataset.toDF().mapPartitions(embed, Encoders.row(out));
  }
}
