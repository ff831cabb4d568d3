package io.textcluster.cluster;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import io.textcluster.config.ClusterConfig;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Each document's distance to its own cluster centre (in the run's distance measure) and its squared euclidean error
 * (for the within-cluster sum of squares). The centres are broadcast once; {@link #close()} destroys them.
 */
public final class CentreDistances implements AutoCloseable {
  public static final String DISTANCE = "distance";
  public static final String SQUARED_ERROR = "squared_error";

  private final Broadcast<Centres> centres;
  private final boolean cosine;

  public CentreDistances(SparkSession spark, Vector[] clusterCentres, String distanceMeasure) {
    double[][] plain = new double[clusterCentres.length][];
    double[] squaredNorms = new double[clusterCentres.length];
    for (int i = 0; i < clusterCentres.length; i++) {
      plain[i] = clusterCentres[i].toArray();
      for (double c : plain[i]) {
        squaredNorms[i] += c * c;
      }
    }
    this.centres =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(new Centres(plain, squaredNorms));
    this.cosine = ClusterConfig.COSINE.equals(distanceMeasure);
  }

  public Dataset<Row> addTo(Dataset<Row> assigned, String featuresCol, String clusterCol) {
    UserDefinedFunction distance = udf(new Distance(centres, cosine, false), DataTypes.DoubleType);
    UserDefinedFunction squaredError = udf(new Distance(centres, cosine, true), DataTypes.DoubleType);
    return assigned
        .withColumn(DISTANCE, distance.apply(col(featuresCol), col(clusterCol)))
        .withColumn(SQUARED_ERROR, squaredError.apply(col(featuresCol), col(clusterCol)));
  }

  @Override
  public void close() {
    centres.destroy();
  }

  /** Centre norms are precomputed: a sparse document then costs O(its non-zeros), not O(vocabulary). */
  private record Centres(double[][] values, double[] squaredNorms) implements java.io.Serializable {}

  /** Holds only the broadcast handle, so the task closure stays small. */
  private static final class Distance implements UDF2<Vector, Integer, Double> {
    private final Broadcast<Centres> centres;
    private final boolean cosine;
    private final boolean squaredEuclidean;

    Distance(Broadcast<Centres> centres, boolean cosine, boolean squaredEuclidean) {
      this.centres = centres;
      this.cosine = cosine;
      this.squaredEuclidean = squaredEuclidean;
    }

    @Override
    public Double call(Vector point, Integer cluster) {
      if (point == null || cluster == null || cluster < 0) {
        return null;
      }
      Centres all = centres.value();
      double[] centre = all.values()[cluster];
      double dot = 0;
      double pointNorm2 = 0;
      int[] indices;
      double[] values;
      if (point instanceof org.apache.spark.ml.linalg.SparseVector sparse) {
        indices = sparse.indices();
        values = sparse.values();
      } else {
        values = point.toArray();
        indices = null;
      }
      for (int i = 0; i < values.length; i++) {
        int index = indices == null ? i : indices[i];
        dot += values[i] * centre[index];
        pointNorm2 += values[i] * values[i];
      }
      double centreNorm2 = all.squaredNorms()[cluster];
      if (squaredEuclidean || !cosine) {
        double squared = Math.max(0, pointNorm2 - 2 * dot + centreNorm2);
        return squaredEuclidean ? squared : Math.sqrt(squared);
      }
      double norms = Math.sqrt(pointNorm2 * centreNorm2);
      return norms == 0 ? 1.0 : 1 - dot / norms;
    }
  }
}
