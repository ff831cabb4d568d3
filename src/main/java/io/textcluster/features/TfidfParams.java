package io.textcluster.features;

import io.textcluster.ml.ColumnParams;
import io.textcluster.ml.NonBlank;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The params {@link TfidfVectorizer} and {@link TfidfModel} share, with CountVectorizer's names and meanings (a saved
 * pipeline reads the same either way): which column of terms, which vector column, and the vocabulary's bounds. Each
 * stage creates them with the factories below in its constructor and exposes them through public accessors, through
 * which Spark finds them; the fitted model gets the estimator's values by {@code copyValues}.
 *
 * @param <T> the stage itself, so the setters chain with its own type
 */
public interface TfidfParams<T extends Params & TfidfParams<T>> extends ColumnParams<T> {
  IntParam vocabSize();

  DoubleParam minDF();

  DoubleParam maxDF();

  static Param<String> inputCol(Params owner) {
    return new Param<>(owner, "inputCol", "column of analysed terms (array<string>)", new NonBlank());
  }

  static Param<String> outputCol(Params owner) {
    return new Param<>(owner, "outputCol", "column to create with the L2-normalised TF-IDF vectors", new NonBlank());
  }

  static IntParam vocabSize(Params owner) {
    return new IntParam(owner, "vocabSize", "keep at most this many terms, the most frequent ones (> 0)",
        ParamValidators.gt(0));
  }

  static DoubleParam minDF(Params owner) {
    return new DoubleParam(owner, "minDF",
        "a term must be in at least this many documents (>= 1) or this share of them (< 1)", ParamValidators.gtEq(0));
  }

  static DoubleParam maxDF(Params owner) {
    return new DoubleParam(owner, "maxDF",
        "a term must be in at most this many documents (>= 1) or this share of them (< 1)", ParamValidators.gtEq(0));
  }

  /** The defaults of both stages: no bound but the vocabulary size, as CountVectorizer's. */
  static void setDefaults(Params owner, TfidfParams<?> params) {
    owner.setDefault(params.inputCol(), "tokens");
    owner.setDefault(params.outputCol(), "features");
    owner.setDefault(params.vocabSize(), 1 << 18);
    owner.setDefault(params.minDF(), 1.0);
    owner.setDefault(params.maxDF(), (double) Long.MAX_VALUE);
  }

  @SuppressWarnings("unchecked")
  private T me() {
    return (T) this;
  }

  default int getVocabSize() {
    return (Integer) me().getOrDefault(vocabSize());
  }

  default double getMinDF() {
    return (Double) me().getOrDefault(minDF());
  }

  default double getMaxDF() {
    return (Double) me().getOrDefault(maxDF());
  }

  default T setVocabSize(int value) {
    me().set(vocabSize(), value);
    return me();
  }

  default T setMinDF(double value) {
    me().set(minDF(), value);
    return me();
  }

  default T setMaxDF(double value) {
    me().set(maxDF(), value);
    return me();
  }
}
