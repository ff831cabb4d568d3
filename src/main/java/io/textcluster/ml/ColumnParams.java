package io.textcluster.ml;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * Getters and typed setters of the {@code inputCol} and {@code outputCol} params, for any stage (transformer or
 * fitted model) that declares those two params. The stage keeps the params and their public accessors, through which
 * Spark finds them.
 *
 * @param <T> the stage itself, so the setters chain with its own type
 */
public interface ColumnParams<T extends Params & ColumnParams<T>> {
  Param<String> inputCol();

  Param<String> outputCol();

  @SuppressWarnings("unchecked")
  private T self() {
    return (T) this;
  }

  default String getInputCol() {
    return self().getOrDefault(inputCol());
  }

  default String getOutputCol() {
    return self().getOrDefault(outputCol());
  }

  default T setInputCol(String value) {
    self().set(inputCol(), value);
    return self();
  }

  default T setOutputCol(String value) {
    self().set(outputCol(), value);
    return self();
  }
}
