package io.textcluster.features;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.mllib.linalg.SingularValueDecomposition;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Latent semantic analysis: a truncated SVD of the document-term matrix, computed distributed by Spark's RowMatrix
 * (ARPACK over distributed Gramian-vector products: no n x n or d x d matrix is built), keeping the top right singular
 * vectors. Documents are then projected onto them by {@link LsaModel}.
 */
public class LsaReducer extends Estimator<LsaModel> implements DefaultParamsWritable {
  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final IntParam dimensions;

  public LsaReducer(String uid) {
    this.uid = uid;
    this.inputCol = new Param<>(this, "inputCol", "column of term vectors to reduce");
    this.outputCol = new Param<>(this, "outputCol", "column of reduced dense vectors");
    this.dimensions =
        new IntParam(this, "dimensions", "number of latent dimensions kept (> 1)", ParamValidators.gt(1));
    setDefault(inputCol, "tfidf");
    setDefault(outputCol, "lsa");
    setDefault(dimensions, 100);
  }

  public LsaReducer() {
    this(Identifiable.randomUID("lsaReducer"));
  }

  /** Spark ML finds a stage's params through public accessors like these; without them, set() is refused. */
  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public IntParam dimensions() {
    return dimensions;
  }

  public LsaReducer setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  public LsaReducer setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  public LsaReducer setDimensions(int value) {
    set(dimensions, value);
    return this;
  }

  public int getDimensions() {
    return (Integer) getOrDefault(dimensions);
  }

  @Override
  public LsaModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    String column = getOrDefault(inputCol);
    JavaRDD<org.apache.spark.mllib.linalg.Vector> rows =
        dataset.select(column).toJavaRDD().map(row -> Vectors.fromML((Vector) ((Row) row).get(0)));
    rows.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      RowMatrix matrix = new RowMatrix(rows.rdd());
      long columns = matrix.numCols();
      long documents = matrix.numRows();
      // The rank cannot exceed either side of the matrix.
      int k = (int) Math.min(getDimensions(), Math.min(columns, documents) - 1);
      if (k < 1) {
        throw new IllegalArgumentException(
            "LSA needs at least 2 documents and 2 terms; got " + documents + " x " + columns);
      }
      SingularValueDecomposition<RowMatrix, Matrix> svd = matrix.computeSVD(k, false, 1e-9);
      Matrix v = svd.V();
      int kept = v.numCols();
      double[] termByDimension = new double[v.numRows() * kept];
      for (int term = 0; term < v.numRows(); term++) {
        for (int d = 0; d < kept; d++) {
          termByDimension[term * kept + d] = v.apply(term, d);
        }
      }
      LsaModel model = new LsaModel(uid, v.numRows(), kept, termByDimension);
      model.setParent(this);
      return copyValues(model.setInputCol(column).setOutputCol(getOrDefault(outputCol)), extractParamMap());
    } finally {
      rows.unpersist(false);
    }
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String column = getOrDefault(inputCol);
    if (!java.util.Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new IllegalArgumentException(
          "Column " + column + " does not exist. Available: " + String.join(", ", schema.fieldNames()));
    }
    return schema.add(getOrDefault(outputCol), SQLDataTypes.VectorType(), false);
  }

  @Override
  public LsaReducer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public String uid() {
    return uid;
  }

  public static MLReader<LsaReducer> read() {
    return new DefaultParamsReader<>();
  }

  public static LsaReducer load(String path) {
    return read().load(path);
  }
}
