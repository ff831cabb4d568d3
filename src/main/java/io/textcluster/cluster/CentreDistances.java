package io.textcluster.cluster;

import static io.textcluster.schema.Columns.DISTANCE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import io.textcluster.config.ClusterConfig;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Each document's distance to its own cluster centre (in the run's distance measure) and its squared euclidean error
 * (for the within-cluster sum of squares), by {@link CentreKernel}, the kernel the clustering models use. The centres
 * are broadcast once; {@link #close()} destroys them.
 */
public final class CentreDistances implements AutoCloseable {
  public static final String SQUARED_ERROR = "squared_error";

  private final Broadcast<CentreKernel.Centres> centres;
  private final boolean cosine;

  public CentreDistances(SparkSession spark, Vector[] clusterCentres, String distanceMeasure) {
    double[][] plain = new double[clusterCentres.length][];
    for (int i = 0; i < clusterCentres.length; i++) {
      plain[i] = clusterCentres[i].toArray();
    }
    this.centres = CentreKernel.broadcast(spark, plain);
    this.cosine = ClusterConfig.COSINE.equals(distanceMeasure);
  }

  public Dataset<Row> addTo(Dataset<Row> assigned, String featuresCol, String clusterCol) {
    UserDefinedFunction distance = udf(new CentreKernel.Distance(centres, cosine, false), DataTypes.DoubleType);
    UserDefinedFunction squaredError = udf(new CentreKernel.Distance(centres, cosine, true), DataTypes.DoubleType);
    return assigned
        .withColumn(DISTANCE, distance.apply(col(featuresCol), col(clusterCol)))
        .withColumn(SQUARED_ERROR, squaredError.apply(col(featuresCol), col(clusterCol)));
  }

  /** Each document's squared euclidean error to its own centre, as an expression to aggregate (nothing persisted). */
  public Column squaredError(String featuresCol, String clusterCol) {
    return udf(new CentreKernel.Distance(centres, cosine, true), DataTypes.DoubleType)
        .apply(col(featuresCol), col(clusterCol));
  }

  @Override
  public void close() {
    centres.destroy();
  }
}
