package io.textcluster.cluster;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import io.textcluster.config.ClusterConfig;
import io.textcluster.schema.Columns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Where a warm-started Gaussian mixture (cluster.init = previous-run, cluster.algorithm = gmm) starts: from the earlier
 * run's clusters themselves, re-measured in this run's reduced space. Each document the runs share starts in the group
 * of its earlier cluster; a new document starts in the group whose mean is nearest. So each component starts with
 * its earlier cluster's weight, mean and covariance (of this run's features), much as the earlier mixture ended, and
 * EM needs no k-means first. The means come from {@link EarlierCentres} passed through this run's own reduction (LSA
 * and PCA are linear, so the reduced mean of a cluster's documents is the reduction of their mean). When k grows, the
 * extra means are k-means|| candidates in the reduced space (as {@link WarmStartKMeans}), and the documents nearest to
 * them start in their groups; when k shrinks, the clusters with the most shared documents are kept and the documents
 * of the others start at the nearest kept mean.
 */
final class MixtureWarmStart {
  private static final String EARLIER_ID = "earlier_cluster_id";
  private static final String MEMBER = "earlier_group";

  private MixtureWarmStart() {}

  /**
   * @param reduction this run's fitted reduction (no stages when cluster.gmm.reduction = none)
   * @param reduced this run's documents: {@code docId} and {@code reducedCol}, the space EM runs in
   * @param earlierAssignments the earlier run's (doc_id, cluster_id) rows
   */
  static MixtureFromKMeans.Start start(
      ClusterConfig cluster,
      PipelineModel reduction,
      String featuresCol,
      String reducedCol,
      Dataset<Row> reduced,
      Dataset<Row> earlierAssignments,
      EarlierCentres.Measured earlier) {
    Vector[] means = startingMeans(euclidean(cluster), reduction, featuresCol, reducedCol, reduced, earlier);
    List<Integer> kept = WarmStartKMeans.keptIds(cluster.k(), earlier);
    List<Row> groups = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      groups.add(RowFactory.create(kept.get(i), i));
    }
    Dataset<Row> member =
        earlierAssignments
            .select(col(Columns.DOC_ID), col(Columns.CLUSTER_ID).as(EARLIER_ID))
            .join(broadcast(reduced.sparkSession().createDataFrame(groups, new StructType()
                .add(EARLIER_ID, DataTypes.IntegerType, false)
                .add(MEMBER, DataTypes.IntegerType, false))), EARLIER_ID)
            .select(Columns.DOC_ID, MEMBER);
    Dataset<Row> nearest =
        MixtureFromKMeans.nearestOf(means, reducedCol).transform(reduced.join(member, Columns.DOC_ID, "left"));
    // A new group (k grew) takes the documents nearest to it; the others keep their earlier cluster's.
    Column start =
        when(col(MixtureFromKMeans.START).geq(kept.size()).or(col(MEMBER).isNull()), col(MixtureFromKMeans.START))
            .otherwise(col(MEMBER));
    return new MixtureFromKMeans.Start(
        nearest.withColumn(MixtureFromKMeans.START, start).select(MixtureFromKMeans.START, reducedCol),
        means.length, 0);
  }

  /** The earlier clusters' means in the reduced space, completed or cut to k as {@link WarmStartKMeans} does. */
  static Vector[] startingMeans(
      ClusterConfig euclidean,
      PipelineModel reduction,
      String featuresCol,
      String reducedCol,
      Dataset<Row> reduced,
      EarlierCentres.Measured earlier) {
    List<Row> rows = new ArrayList<>();
    earlier.centres().forEach((id, centre) -> rows.add(RowFactory.create(id, centre)));
    StructType schema =
        new StructType()
            .add(EARLIER_ID, DataTypes.IntegerType, false)
            .add(featuresCol, SQLDataTypes.VectorType(), false);
    Map<Integer, Vector> mapped = new LinkedHashMap<>();
    for (Row row :
        reduction.transform(reduced.sparkSession().createDataFrame(rows, schema))
            .select(EARLIER_ID, reducedCol)
            .collectAsList()) {
      mapped.put(row.getInt(0), row.getAs(1));
    }
    return WarmStartKMeans.startingCentres(
        euclidean, reducedCol, reduced, new EarlierCentres.Measured(mapped, earlier.documents()));
  }

  /** EM's space is euclidean whatever cluster.distance says (the cold start's k-means is euclidean too). */
  private static ClusterConfig euclidean(ClusterConfig cluster) {
    return new ClusterConfig(cluster.algorithm(), cluster.k(), cluster.seed(), cluster.maxIterations(),
        cluster.tolerance(), ClusterConfig.EUCLIDEAN, cluster.init(), cluster.initSteps(), 1,
        cluster.kmeansSolver(), cluster.lbgEpsilon(), cluster.gmmReduction(), cluster.gmmDimensions(),
        cluster.gmmProbabilities(), cluster.density(), cluster.agglomerative(), cluster.sweep());
  }
}
