package io.textcluster.ml;

/** A blank column name can only be a configuration mistake; a Param with this check rejects it when set. */
public final class NonBlank extends scala.runtime.AbstractFunction1<String, Object> implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  @Override
  public Object apply(String name) {
    return name != null && !name.isBlank();
  }
}
