package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import io.textcluster.config.ClusterConfig;
import io.textcluster.ml.ModelStorage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Assigns every document to the cluster of its nearest anchor when it lies within that anchor's radius, else to noise
 * ({@code cluster_id} -1). The anchors and radii come from a fit on a driver-side sample: density methods use the
 * sample's dense points (radius eps, or the point's core distance), agglomerative clustering its cluster centroids
 * (radius infinite: plain nearest centroid). Distances are the run's: cosine (1 - cosine similarity; anchors are stored
 * as unit vectors) or euclidean. Ties go to the lower anchor index, so the rule is deterministic. The anchors are saved
 * with the model (one parquet row each), so a reloaded run assigns new documents exactly as it assigned its own.
 */
public class NearestAnchorModel extends Model<NearestAnchorModel> implements MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final double[][] anchors;
  private final int[] clusters;
  private final double[] radii;
  private final Param<String> featuresCol;
  private final Param<String> predictionCol;
  private final Param<String> distanceMeasure;

  public NearestAnchorModel(String uid, double[][] anchors, int[] clusters, double[] radii) {
    if (anchors.length != clusters.length || anchors.length != radii.length) {
      throw new IllegalArgumentException("anchors, clusters and radii must have one entry per anchor");
    }
    this.uid = uid;
    this.anchors = anchors;
    this.clusters = clusters;
    this.radii = radii;
    featuresCol = new Param<>(this, "featuresCol", "vector column of the documents");
    predictionCol = new Param<>(this, "predictionCol", "int column to create with the cluster (-1 for noise)");
    distanceMeasure =
        new Param<>(this, "distanceMeasure", "cosine or euclidean",
            ParamValidators.inArray(new String[] {ClusterConfig.COSINE, ClusterConfig.EUCLIDEAN}));
    setDefault(featuresCol, "features");
    setDefault(predictionCol, Columns.CLUSTER_ID);
    setDefault(distanceMeasure, ClusterConfig.COSINE);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** A model with a fresh uid. */
  static NearestAnchorModel of(String prefix, double[][] anchors, int[] clusters, double[] radii) {
    return new NearestAnchorModel(Identifiable.randomUID(prefix), anchors, clusters, radii);
  }

  public Param<String> featuresCol() {
    return featuresCol;
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public Param<String> distanceMeasure() {
    return distanceMeasure;
  }

  public NearestAnchorModel setFeaturesCol(String value) {
    set(featuresCol, value);
    return this;
  }

  public NearestAnchorModel setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  public NearestAnchorModel setDistanceMeasure(String value) {
    set(distanceMeasure, value);
    return this;
  }

  public int numAnchors() {
    return anchors.length;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String in = getOrDefault(featuresCol);
    if (!Arrays.asList(schema.fieldNames()).contains(in)) {
      throw new IllegalArgumentException(
          "Column " + in + " does not exist. Available columns: " + String.join(", ", schema.fieldNames()));
    }
    if (!schema.apply(in).dataType().equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException("Column " + in + " must be a vector but is "
          + schema.apply(in).dataType().catalogString() + ".");
    }
    return schema.add(getOrDefault(predictionCol), DataTypes.IntegerType, false);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Broadcast<Anchors> shared =
        JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext())
            .broadcast(new Anchors(anchors, clusters, radii, isCosine()));
    var assign = udf(new Assign(shared), DataTypes.IntegerType);
    return dataset.withColumn(getOrDefault(predictionCol), assign.apply(col(getOrDefault(featuresCol))));
  }

  private boolean isCosine() {
    return ClusterConfig.COSINE.equals(getOrDefault(distanceMeasure));
  }

  /** The same rule on the driver, for points already in the anchors' space (unit vectors for cosine). */
  static int assign(double[] point, double[][] anchors, int[] clusters, double[] radii, boolean cosine) {
    int best = -1;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int a = 0; a < anchors.length; a++) {
      double d = DriverSample.distance(point, anchors[a], cosine);
      if (d < bestDistance) {
        bestDistance = d;
        best = a;
      }
    }
    return best >= 0 && bestDistance <= radii[best] ? clusters[best] : -1;
  }

  /** What the tasks need, broadcast once; anchor norms precomputed so a sparse document costs O(non-zeros). */
  static final class Anchors implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final double[][] points;
    final int[] clusters;
    final double[] radii;
    final double[] squaredNorms;
    final boolean cosine;

    Anchors(double[][] points, int[] clusters, double[] radii, boolean cosine) {
      this.points = points;
      this.clusters = clusters;
      this.radii = radii;
      this.cosine = cosine;
      this.squaredNorms = new double[points.length];
      for (int a = 0; a < points.length; a++) {
        for (double x : points[a]) {
          squaredNorms[a] += x * x;
        }
      }
    }
  }

  /** Holds only the broadcast handle, so the task closure stays small. */
  private static final class Assign implements UDF1<Vector, Integer> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<Anchors> anchors;

    Assign(Broadcast<Anchors> anchors) {
      this.anchors = anchors;
    }

    @Override
    public Integer call(Vector point) {
      Anchors all = anchors.value();
      int[] indices = null;
      double[] values;
      if (point instanceof SparseVector sparse) {
        indices = sparse.indices();
        values = sparse.values();
      } else {
        values = point.toArray();
      }
      double norm2 = 0;
      for (double v : values) {
        norm2 += v * v;
      }
      double norm = Math.sqrt(norm2);
      int best = -1;
      double bestDistance = Double.POSITIVE_INFINITY;
      for (int a = 0; a < all.points.length; a++) {
        double[] anchor = all.points[a];
        double dot = 0;
        if (indices == null) {
          for (int f = 0; f < values.length; f++) {
            dot += values[f] * anchor[f];
          }
        } else {
          for (int n = 0; n < indices.length; n++) {
            dot += values[n] * anchor[indices[n]];
          }
        }
        double d =
            all.cosine
                ? (norm == 0 ? 1.0 : Math.max(0, 1 - dot / norm))
                : Math.sqrt(Math.max(0, norm2 - 2 * dot + all.squaredNorms[a]));
        if (d < bestDistance) {
          bestDistance = d;
          best = a;
        }
      }
      return best >= 0 && bestDistance <= all.radii[best] ? all.clusters[best] : -1;
    }
  }

  @Override
  public NearestAnchorModel copy(ParamMap extra) {
    NearestAnchorModel copy = new NearestAnchorModel(uid, anchors, clusters, radii);
    return copyValues(copy, extra).setParent(parent());
  }

  /** One parquet row per anchor. Infinite radii round-trip as parquet doubles. */
  @Override
  public MLWriter write() {
    return ModelStorage.writer(this, "data", DATA_SCHEMA, () -> {
      List<Row> rows = new ArrayList<>(anchors.length);
      for (int a = 0; a < anchors.length; a++) {
        rows.add(RowFactory.create(a, clusters[a], radii[a], anchors[a]));
      }
      return rows;
    });
  }

  public static MLReader<NearestAnchorModel> read() {
    return ModelStorage.reader(NearestAnchorModel.class, "data", "anchor", (uid, rows, spark, path) -> {
      double[][] anchors = new double[rows.size()][];
      int[] clusters = new int[rows.size()];
      double[] radii = new double[rows.size()];
      for (int a = 0; a < rows.size(); a++) {
        clusters[a] = rows.get(a).getInt(1);
        radii[a] = rows.get(a).getDouble(2);
        anchors[a] = ModelStorage.doubles(rows.get(a), 3);
      }
      return new NearestAnchorModel(uid, anchors, clusters, radii);
    });
  }

  public static NearestAnchorModel load(String path) {
    return read().load(path);
  }

  private static final StructType DATA_SCHEMA =
      new StructType()
          .add("anchor", DataTypes.IntegerType, false)
          .add("cluster", DataTypes.IntegerType, false)
          .add("radius", DataTypes.DoubleType, false)
          .add("vector", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
}
