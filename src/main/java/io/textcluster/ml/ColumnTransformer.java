package io.textcluster.ml;

import java.util.Arrays;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.types.StructType;

/**
 * The part every one-column-in, one-column-out stage shares: its uid, the {@code inputCol} and {@code outputCol}
 * params (never blank) with their getters and setters, and Spark's default copy. Each stage keeps its public
 * {@code (String uid)} constructor, which Spark's readers and {@code defaultCopy} call, and sets its own defaults.
 * Spark finds the two params through the public no-argument accessors below, inherited or not; the class is public
 * so that Spark may call them by reflection.
 *
 * @param <T> the stage itself, so the setters chain with its own type
 */
public abstract class ColumnTransformer<T extends ColumnTransformer<T>> extends Transformer
    implements ColumnParams<T> {
  private static final long serialVersionUID = 1L;

  private final String uid;
  // Assigned in the constructor, not at declaration: a Param needs the owner's uid, which only exists by then.
  private final Param<String> inputCol;
  private final Param<String> outputCol;

  protected ColumnTransformer(String uid, String inputColDoc, String outputColDoc) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", inputColDoc, new NonBlank());
    outputCol = new Param<>(this, "outputCol", outputColDoc, new NonBlank());
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  @Override
  public T copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** Fails with Spark's own wording when {@code column} is not in {@code schema}. */
  public static void requireColumn(StructType schema, String column) {
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new IllegalArgumentException(
          "Column " + column + " does not exist. Available columns: " + String.join(", ", schema.fieldNames()));
    }
  }
}
