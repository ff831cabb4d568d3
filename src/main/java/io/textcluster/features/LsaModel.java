package io.textcluster.features;

import io.textcluster.ml.ColumnParams;
import io.textcluster.ml.ModelStorage;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Projects term vectors onto the latent dimensions found by {@link LsaReducer}. */
public class LsaModel extends Model<LsaModel> implements ColumnParams<LsaModel>, MLWritable {
  private final String uid;
  private final int terms;
  private final int dimensions;
  /** Row-major terms x dimensions: a sparse document touches only the rows of its terms. */
  private final double[] termByDimension;

  private final Param<String> inputCol;
  private final Param<String> outputCol;

  public LsaModel(String uid, int terms, int dimensions, double[] termByDimension) {
    this.uid = uid;
    this.terms = terms;
    this.dimensions = dimensions;
    this.termByDimension = termByDimension;
    this.inputCol = new Param<>(this, "inputCol", "column of term vectors to reduce");
    this.outputCol = new Param<>(this, "outputCol", "column of reduced dense vectors");
    setDefault(inputCol, "tfidf");
    setDefault(outputCol, "lsa");
  }

  /** Spark ML finds a stage's params through public accessors like these; without them, set() is refused. */
  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public int numDimensions() {
    return dimensions;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    SparkSession spark = dataset.sparkSession();
    Broadcast<double[]> weights =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(termByDimension);
    var project = udf(new Projection(weights, dimensions), SQLDataTypes.VectorType());
    return dataset.withColumn(getOutputCol(), project.apply(col(getInputCol())));
  }

  /** Holds only the broadcast, so tasks never serialise the matrix itself. */
  private static final class Projection implements UDF1<Vector, Vector> {
    private final Broadcast<double[]> weights;
    private final int dimensions;

    Projection(Broadcast<double[]> weights, int dimensions) {
      this.weights = weights;
      this.dimensions = dimensions;
    }

    @Override
    public Vector call(Vector document) {
      double[] w = weights.value();
      double[] out = new double[dimensions];
      if (document instanceof SparseVector sparse) {
        int[] indices = sparse.indices();
        double[] values = sparse.values();
        for (int i = 0; i < indices.length; i++) {
          accumulate(out, w, indices[i], values[i]);
        }
      } else {
        double[] values = document.toArray();
        for (int term = 0; term < values.length; term++) {
          if (values[term] != 0) {
            accumulate(out, w, term, values[term]);
          }
        }
      }
      return new DenseVector(out);
    }

    private void accumulate(double[] out, double[] w, int term, double value) {
      int offset = term * dimensions;
      for (int d = 0; d < dimensions; d++) {
        out[d] += value * w[offset + d];
      }
    }
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return schema.add(getOutputCol(), SQLDataTypes.VectorType(), false);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public LsaModel copy(ParamMap extra) {
    LsaModel copy = new LsaModel(uid, terms, dimensions, termByDimension);
    return copyValues(copy, extra).setParent(parent());
  }

  /** The projection as one row per term, so no single row grows with d x k. */
  @Override
  public MLWriter write() {
    return ModelStorage.writer(this, "data", DATA_SCHEMA, this::termRows);
  }

  private List<Row> termRows() {
    List<Row> rows = new ArrayList<>(terms);
    for (int term = 0; term < terms; term++) {
      double[] weights = new double[dimensions];
      System.arraycopy(termByDimension, term * dimensions, weights, 0, dimensions);
      rows.add(RowFactory.create(term, weights));
    }
    return rows;
  }

  public static MLReader<LsaModel> read() {
    return ModelStorage.reader(LsaModel.class, "data", "term", (uid, rows, spark, path) -> {
      int terms = rows.size();
      int dimensions = terms == 0 ? 0 : rows.get(0).getList(1).size();
      double[] termByDimension = new double[terms * dimensions];
      for (Row row : rows) {
        List<Double> weights = row.getList(1);
        for (int d = 0; d < dimensions; d++) {
          termByDimension[row.getInt(0) * dimensions + d] = weights.get(d);
        }
      }
      return new LsaModel(uid, terms, dimensions, termByDimension);
    });
  }

  public static LsaModel load(String path) {
    return read().load(path);
  }

  private static final StructType DATA_SCHEMA =
      new StructType()
          .add("term", DataTypes.IntegerType, false)
          .add("weights", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
}
