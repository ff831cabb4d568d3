package io.textcluster.cluster;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.textcluster.ml.ModelStorage;
import io.textcluster.schema.Columns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Zero-shot topics in a saved model (cluster.topics, issue 22), the stage after the free clustering's assignment rule:
 * a document whose cosine similarity to the most similar topic vector is at least minSimilarity takes that topic's id
 * (0..T-1); any other keeps the free clustering's cluster, shifted to T.., and noise (-1) stays noise. A topic
 * document's GMM probability, if any, is null: the free mixture did not place it. The topic vectors (unit length) are
 * saved with the model, one parquet row each, so `predict` decides exactly as the fit did.
 */
public class ZeroShotTopicsModel extends Model<ZeroShotTopicsModel> implements MLWritable {
  private static final long serialVersionUID = 1L;
  /** The column holding each document's topic, or -1, while the stage runs. */
  static final String TOPIC = "zero_shot_topic";

  private final String uid;
  private final double[][] topics;
  private final Param<String> featuresCol;
  private final Param<String> predictionCol;
  private final DoubleParam minSimilarity;

  public ZeroShotTopicsModel(String uid, double[][] topics) {
    this.uid = uid;
    this.topics = topics;
    featuresCol = new Param<>(this, "featuresCol", "vector column of the documents");
    predictionCol = new Param<>(this, "predictionCol", "int column of the free clustering's ids, replaced");
    minSimilarity =
        new DoubleParam(this, "minSimilarity", "cosine similarity a document needs to take a topic",
            ParamValidators.inRange(0, 1, false, true));
    setDefault(featuresCol, Columns.FEATURES);
    setDefault(predictionCol, Columns.CLUSTER_ID);
    setDefault(minSimilarity, 0.5);
  }

  /** Topic vectors (any length: they are scaled to unit length here). */
  static ZeroShotTopicsModel of(Vector[] topics) {
    double[][] unit = new double[topics.length][];
    for (int t = 0; t < topics.length; t++) {
      unit[t] = topics[t].toArray();
      DriverSample.normalize(unit[t]);
    }
    return new ZeroShotTopicsModel(Identifiable.randomUID("zeroShotTopics"), unit);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> featuresCol() {
    return featuresCol;
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public DoubleParam minSimilarity() {
    return minSimilarity;
  }

  public ZeroShotTopicsModel setFeaturesCol(String value) {
    set(featuresCol, value);
    return this;
  }

  public ZeroShotTopicsModel setMinSimilarity(double value) {
    set(minSimilarity, value);
    return this;
  }

  /** The topic vectors, unit length, by topic id. */
  double[][] unitTopics() {
    return topics;
  }

  /** A copy of the topic vectors (unit length), by topic id. */
  public double[][] topicVectors() {
    return java.util.Arrays.stream(topics).map(double[]::clone).toArray(double[][]::new);
  }

  public double getMinSimilarity() {
    Object value = getOrDefault(minSimilarity);
    return ((Number) value).doubleValue();
  }

  public int numTopics() {
    return topics.length;
  }

  /** {@code dataset} with {@link #TOPIC}: the id of the topic each document takes, or -1. */
  Dataset<Row> withTopic(Dataset<?> dataset) {
    Broadcast<Topics> shared =
        JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext())
            .broadcast(new Topics(topics, getMinSimilarity()));
    var best = udf(new BestTopic(shared), DataTypes.IntegerType);
    return dataset.toDF().withColumn(TOPIC, best.apply(col(getOrDefault(featuresCol))));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    String cluster = getOrDefault(predictionCol);
    Dataset<Row> marked = withTopic(dataset);
    Column topic = col(TOPIC);
    marked = marked.withColumn(cluster,
        when(topic.geq(0), topic).when(col(cluster).geq(0), col(cluster).plus(topics.length)).otherwise(lit(-1)));
    if (Arrays.asList(marked.columns()).contains(Columns.PROBABILITY)) {
      var type = marked.schema().apply(Columns.PROBABILITY).dataType();
      marked = marked.withColumn(Columns.PROBABILITY,
          when(topic.geq(0), lit(null).cast(type)).otherwise(col(Columns.PROBABILITY)));
    }
    return marked.drop(TOPIC);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return schema;
  }

  /** What the tasks need, broadcast once. */
  static final class Topics implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final double[][] vectors;
    final double minSimilarity;

    Topics(double[][] vectors, double minSimilarity) {
      this.vectors = vectors;
      this.minSimilarity = minSimilarity;
    }
  }

  /** The most similar topic at or above the threshold (ties: the lower id), else -1; O(non-zeros) for sparse rows. */
  static final class BestTopic implements UDF1<Vector, Integer> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<Topics> topics;

    BestTopic(Broadcast<Topics> topics) {
      this.topics = topics;
    }

    @Override
    public Integer call(Vector point) {
      return best(point, topics.value());
    }
  }

  static int best(Vector point, Topics all) {
    int[] indices = point instanceof SparseVector sparse ? sparse.indices() : null;
    double[] values = point instanceof SparseVector sparse ? sparse.values() : point.toArray();
    double norm = 0;
    for (double v : values) {
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    if (norm == 0) {
      return -1;
    }
    int best = -1;
    double bestSimilarity = Double.NEGATIVE_INFINITY;
    for (int t = 0; t < all.vectors.length; t++) {
      double[] topic = all.vectors[t];
      double dot = 0;
      if (indices == null) {
        for (int f = 0; f < values.length; f++) {
          dot += values[f] * topic[f];
        }
      } else {
        for (int n = 0; n < indices.length; n++) {
          dot += values[n] * topic[indices[n]];
        }
      }
      double similarity = dot / norm;
      if (similarity > bestSimilarity) {
        bestSimilarity = similarity;
        best = t;
      }
    }
    return bestSimilarity >= all.minSimilarity ? best : -1;
  }

  @Override
  public ZeroShotTopicsModel copy(ParamMap extra) {
    ZeroShotTopicsModel copy = new ZeroShotTopicsModel(uid, topics);
    return copyValues(copy, extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return ModelStorage.writer(this, "topics", TOPICS_SCHEMA, () -> {
      List<Row> rows = new ArrayList<>(topics.length);
      for (int t = 0; t < topics.length; t++) {
        rows.add(RowFactory.create(t, topics[t]));
      }
      return rows;
    });
  }

  public static MLReader<ZeroShotTopicsModel> read() {
    return ModelStorage.reader(ZeroShotTopicsModel.class, "topics", "topic", (uid, rows, spark, path) ->
        new ZeroShotTopicsModel(uid, rows.stream().map(row -> ModelStorage.doubles(row, 1)).toArray(double[][]::new)));
  }

  public static ZeroShotTopicsModel load(String path) {
    return read().load(path);
  }

  private static final StructType TOPICS_SCHEMA =
      new StructType()
          .add("topic", DataTypes.IntegerType, false)
          .add("vector", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
}
