package io.textcluster.cluster;

import io.textcluster.ml.ModelStorage;
import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted clustering of any method: its assigner (the rule the method fitted: MLlib's k-means or bisecting k-means
 * model, the nearest anchor within a radius for density and agglomerative methods, reduction and mixture for GMM)
 * writes {@code predictionCol}; the model then writes {@code distanceCol}, each document's distance to its cluster's
 * centre, by the one {@link CentreKernel} over a broadcast of the k centres (null for noise, which has no centre).
 * Centres are in the features' own space, indexed by cluster id. Saved as Spark ML metadata plus the assigner (its own
 * ML format, under assigner/), the centres and the {@link ClusteringSummary} (parquet), so {@code
 * PipelineModel.load} restores it with nothing but the classes on the classpath.
 */
public class ClusteringModel extends Model<ClusteringModel> implements ClusteringParams, MLWritable {
  private static final long serialVersionUID = 1L;
  /** The column every assigner is fitted to write; renamed when predictionCol says otherwise. */
  static final String ASSIGNED = Columns.CLUSTER_ID;

  private final String uid;
  private final Transformer assigner;
  private final double[][] centres;
  private final ClusteringSummary summary;

  public ClusteringModel(String uid, Transformer assigner, double[][] centres, ClusteringSummary summary) {
    this.uid = uid;
    this.assigner = assigner;
    this.centres = centres;
    this.summary = summary;
    setClusteringDefaults();
  }

  @Override
  public String uid() {
    return uid;
  }

  static ClusteringModel of(String method, Transformer assigner, Vector[] centres, ClusteringSummary summary) {
    double[][] plain = Arrays.stream(centres).map(Vector::toArray).toArray(double[][]::new);
    return new ClusteringModel(Identifiable.randomUID(method), assigner, plain, summary);
  }

  public ClusteringModel setFeaturesCol(String value) {
    return (ClusteringModel) set(featuresCol(), value);
  }

  public ClusteringModel setPredictionCol(String value) {
    return (ClusteringModel) set(predictionCol(), value);
  }

  public ClusteringModel setDistanceCol(String value) {
    return (ClusteringModel) set(distanceCol(), value);
  }

  public ClusteringModel setProbabilityCol(String value) {
    return (ClusteringModel) set(probabilityCol(), value);
  }

  /** The centre of each cluster, indexed by cluster id. */
  public Vector[] clusterCentres() {
    return Arrays.stream(centres).map(Vectors::dense).toArray(Vector[]::new);
  }

  public int numClusters() {
    return centres.length;
  }

  public ClusteringSummary summary() {
    return summary;
  }

  /** The same params with another assignment rule, centres and summary (cluster.reduce-to). */
  ClusteringModel replacing(Transformer newAssigner, Vector[] newCentres, ClusteringSummary newSummary) {
    ClusteringModel other = of(newSummary.method(), newAssigner, newCentres, newSummary);
    return copyValues(other, ParamMap.empty()).setParent(parent());
  }

  /** The fitted assignment rule alone (writes {@code cluster_id}, no distance). */
  public Transformer assigner() {
    return assigner;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return validateAndTransformSchema(schema);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Transformer rule = assigner;
    if (rule.hasParam("featuresCol")) {
      rule = (Transformer) rule.copy(new ParamMap().put(rule.getParam("featuresCol"), getFeaturesCol()));
    }
    Dataset<Row> assigned = rule.transform(dataset);
    if (!ASSIGNED.equals(getPredictionCol())) {
      assigned = assigned.withColumnRenamed(ASSIGNED, getPredictionCol());
    }
    String probability = Columns.PROBABILITY;
    if (!probability.equals(getProbabilityCol()) && Arrays.asList(assigned.columns()).contains(probability)) {
      assigned = assigned.withColumnRenamed(probability, getProbabilityCol());
    }
    var distance =
        udf(new CentreKernel.Distance(CentreKernel.broadcast(dataset.sparkSession(), centres), isCosine(), false),
            DataTypes.DoubleType);
    return assigned.withColumn(getDistanceCol(), distance.apply(col(getFeaturesCol()), col(getPredictionCol())));
  }

  @Override
  public ClusteringModel copy(ParamMap extra) {
    ClusteringModel copy = new ClusteringModel(uid, assigner, centres, summary);
    return copyValues(copy, extra).setParent(parent());
  }

  /** The assigner in its own ML format under assigner/, the centres and the summary as parquet. */
  @Override
  public MLWriter write() {
    return ModelStorage.writer(this, "centres", CENTRES_SCHEMA, this::centreRows, (spark, path) -> {
      try {
        ((MLWritable) assigner).write().save(path + "/assigner");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("Cannot save the clustering model's assigner under " + path, e);
      }
      summary.save(spark, path + "/summary");
    });
  }

  private List<Row> centreRows() {
    List<Row> rows = new ArrayList<>(centres.length);
    for (int c = 0; c < centres.length; c++) {
      rows.add(RowFactory.create(c, centres[c]));
    }
    return rows;
  }

  public static MLReader<ClusteringModel> read() {
    return ModelStorage.reader(ClusteringModel.class, "centres", "cluster", (uid, rows, spark, path) -> {
      Transformer assigner = DefaultParamsReader.loadParamsInstance(path + "/assigner", spark.sparkContext());
      double[][] centres = rows.stream().map(row -> ModelStorage.doubles(row, 1)).toArray(double[][]::new);
      return new ClusteringModel(uid, assigner, centres, ClusteringSummary.load(spark, path + "/summary"));
    });
  }

  public static ClusteringModel load(String path) {
    return read().load(path);
  }

  private static final StructType CENTRES_SCHEMA =
      new StructType()
          .add("cluster", DataTypes.IntegerType, false)
          .add("centre", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
}
