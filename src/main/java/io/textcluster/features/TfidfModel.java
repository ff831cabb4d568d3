package io.textcluster.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import io.textcluster.ml.ColumnTransformer;
import io.textcluster.ml.ModelStorage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;

/**
 * A fitted {@link TfidfVectorizer}: each document's vocabulary terms counted, weighted by their IDF and scaled to unit
 * length, as one sparse vector. Terms outside the vocabulary are ignored; a document with none gets a zero vector.
 */
public class TfidfModel extends Model<TfidfModel> implements TfidfParams<TfidfModel>, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final String[] vocabulary;
  private final double[] idf;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final IntParam vocabSize;
  private final DoubleParam minDF;
  private final DoubleParam maxDF;

  public TfidfModel(String uid, String[] vocabulary, double[] idf) {
    this.uid = uid;
    this.vocabulary = vocabulary;
    this.idf = idf;
    inputCol = TfidfParams.inputCol(this);
    outputCol = TfidfParams.outputCol(this);
    vocabSize = TfidfParams.vocabSize(this);
    minDF = TfidfParams.minDF(this);
    maxDF = TfidfParams.maxDF(this);
    TfidfParams.setDefaults(this, this);
  }

  @Override
  public Param<String> inputCol() {
    return inputCol;
  }

  @Override
  public Param<String> outputCol() {
    return outputCol;
  }

  @Override
  public IntParam vocabSize() {
    return vocabSize;
  }

  @Override
  public DoubleParam minDF() {
    return minDF;
  }

  @Override
  public DoubleParam maxDF() {
    return maxDF;
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The terms in vector index order, the most frequent first. */
  public String[] vocabulary() {
    return vocabulary.clone();
  }

  /** Each term's inverse document frequency, log((n + 1) / (df + 1)), in vocabulary order. */
  public double[] idf() {
    return idf.clone();
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType schema = transformSchema(dataset.schema());
    Map<String, Integer> index = new HashMap<>(vocabulary.length * 2);
    for (int i = 0; i < vocabulary.length; i++) {
      index.put(vocabulary[i], i);
    }
    JavaSparkContext context = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
    Weigh weigh = new Weigh(context.broadcast(index), context.broadcast(idf));
    var vectorize = udf(weigh, org.apache.spark.ml.linalg.SQLDataTypes.VectorType());
    return dataset.withColumn(getOutputCol(), vectorize.apply(col(getInputCol())),
        schema.apply(getOutputCol()).metadata());
  }

  /** Holds only broadcasts, so tasks never serialise the vocabulary itself. */
  private static final class Weigh implements UDF1<Seq<String>, Vector> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<Map<String, Integer>> index;
    private final Broadcast<double[]> idf;

    Weigh(Broadcast<Map<String, Integer>> index, Broadcast<double[]> idf) {
      this.index = index;
      this.idf = idf;
    }

    @Override
    public Vector call(Seq<String> terms) {
      Map<String, Integer> vocabulary = index.value();
      double[] weights = idf.value();
      int[] found = new int[terms.length()];
      int n = 0;
      for (int i = 0; i < found.length; i++) {
        Integer term = vocabulary.get(terms.apply(i));
        if (term != null) {
          found[n++] = term;
        }
      }
      // Sorting the term indices groups repeats: one run per distinct term, in the order a sparse vector needs.
      Arrays.sort(found, 0, n);
      int distinct = 0;
      for (int i = 0; i < n; i++) {
        if (i == 0 || found[i] != found[i - 1]) {
          distinct++;
        }
      }
      int[] indices = new int[distinct];
      double[] values = new double[distinct];
      int at = -1;
      for (int i = 0; i < n; i++) {
        if (i == 0 || found[i] != found[i - 1]) {
          indices[++at] = found[i];
        }
        values[at] += weights[found[i]];
      }
      double norm = 0;
      for (double v : values) {
        norm += v * v;
      }
      if (norm > 0) {
        double scale = 1 / Math.sqrt(norm);
        for (int i = 0; i < values.length; i++) {
          values[i] *= scale;
        }
      }
      return new SparseVector(weights.length, indices, values);
    }
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return outputSchema(schema, getInputCol(), getOutputCol(), vocabulary.length);
  }

  /** Terms must be array&lt;string&gt;; the vectors' size (the vocabulary's, once fitted) goes into their metadata. */
  static StructType outputSchema(StructType schema, String input, String output, int size) {
    ColumnTransformer.requireColumn(schema, input);
    if (!(schema.apply(input).dataType() instanceof ArrayType array
        && array.elementType().equals(DataTypes.StringType))) {
      throw new IllegalArgumentException("Column " + input + " must be of type array<string> but was actually "
          + schema.apply(input).dataType().catalogString() + ".");
    }
    if (Arrays.asList(schema.fieldNames()).contains(output)) {
      throw new IllegalArgumentException("Output column " + output + " already exists.");
    }
    AttributeGroup vectors = size > 0 ? new AttributeGroup(output, size) : new AttributeGroup(output);
    return schema.add(vectors.toStructField());
  }

  @Override
  public TfidfModel copy(ParamMap extra) {
    return copyValues(new TfidfModel(uid, vocabulary, idf), extra).setParent(parent());
  }

  /** One row per term: index, term, IDF. */
  @Override
  public MLWriter write() {
    return ModelStorage.writer(this, "data", DATA_SCHEMA, this::termRows);
  }

  private List<Row> termRows() {
    List<Row> rows = new ArrayList<>(vocabulary.length);
    for (int i = 0; i < vocabulary.length; i++) {
      rows.add(RowFactory.create(i, vocabulary[i], idf[i]));
    }
    return rows;
  }

  public static MLReader<TfidfModel> read() {
    return ModelStorage.reader(TfidfModel.class, "data", "index", (uid, rows, spark, path) -> {
      String[] terms = new String[rows.size()];
      double[] weights = new double[rows.size()];
      for (int i = 0; i < terms.length; i++) {
        terms[i] = rows.get(i).getString(1);
        weights[i] = rows.get(i).getDouble(2);
      }
      return new TfidfModel(uid, terms, weights);
    });
  }

  public static TfidfModel load(String path) {
    return read().load(path);
  }

  private static final StructType DATA_SCHEMA =
      new StructType()
          .add("index", DataTypes.IntegerType, false)
          .add("term", DataTypes.StringType, false)
          .add("idf", DataTypes.DoubleType, false);
}
