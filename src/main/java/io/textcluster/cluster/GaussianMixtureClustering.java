package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import static io.textcluster.schema.Columns.PROBABILITY;
import static org.apache.spark.sql.functions.col;

import io.textcluster.config.ClusterConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.features.LsaReducer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Spark MLlib's Gaussian mixture (seed 004), fitted on features reduced to {@code cluster.gmm.dimensions} (LSA or
 * PCA): MLlib keeps a full covariance matrix per component and refuses more than {@link #SAFE_DIMENSIONS} features.
 * The model is reduction -> mixture -> {@link MaxProbability}, one Transformer, so a saved run computes the same
 * membership probabilities for new documents. EM starts from k-means clusters (see {@link MixtureFromKMeans}), not
 * from MLlib's random start, which collapses to one cluster on data of any spread.
 */
public final class GaussianMixtureClustering {
  /** GaussianMixture.MAX_NUM_FEATURES in Spark 3.5: d x d covariances per component are dense on the driver. */
  public static final int SAFE_DIMENSIONS = 100;
  public static final String PROBABILITIES = "probabilities";
  private static final String REDUCED = "gmm_input";

  private GaussianMixtureClustering() {}

  static ClusteringModel fit(ClusterConfig cluster, String featuresCol, Dataset<Row> data) {
    return fit(cluster, featuresCol, data, null);
  }

  /** @param warm a warm start's earlier run (cluster.init = previous-run, {@link MixtureWarmStart}); or null */
  static ClusteringModel fit(ClusterConfig cluster, String featuresCol, Dataset<Row> data, WarmStart.Earlier warm) {
    EarlierCentres.Measured earlier = warm == null ? null : warm.measured();
    int dimensions = data.select(featuresCol).first().<Vector>getAs(0).size();
    List<PipelineStage> stages = new ArrayList<>();
    String mixtureInput = featuresCol;
    if (cluster.gmmReduction().equals(ClusterConfig.GMM_REDUCTION_NONE)) {
      if (dimensions > SAFE_DIMENSIONS) {
        throw new TextClusterException(
            "cluster.algorithm = gmm got " + dimensions + "-dimensional features, but a Gaussian mixture keeps a full "
                + "covariance matrix per cluster and handles at most " + SAFE_DIMENSIONS + " dimensions. Set "
                + "'cluster.gmm.reduction' to lsa or pca (with 'cluster.gmm.dimensions' <= " + SAFE_DIMENSIONS
                + "), or reduce the features first with 'features.lsa.enabled' = true.");
      }
    } else {
      int target = cluster.gmmDimensions();
      if (target > SAFE_DIMENSIONS || target >= dimensions) {
        throw new TextClusterException(
            "cluster.gmm.dimensions = " + target + " but it must be at most " + SAFE_DIMENSIONS + " and below the "
                + dimensions + " feature dimensions; lower 'cluster.gmm.dimensions' (or set 'cluster.gmm.reduction' "
                + "= none when the features are already small).");
      }
      stages.add(
          cluster.gmmReduction().equals(ClusterConfig.GMM_REDUCTION_PCA)
              ? new PCA().setInputCol(featuresCol).setOutputCol(REDUCED).setK(target)
              : new LsaReducer().setInputCol(featuresCol).setOutputCol(REDUCED).setDimensions(target));
      mixtureInput = REDUCED;
    }
    PipelineModel reduction =
        new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(data);
    Dataset<Row> reduced =
        (warm == null ? reduction.transform(data).select(mixtureInput)
            : reduction.transform(data).select(Columns.DOC_ID, mixtureInput))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      MixtureFromKMeans.Start start = warm == null
          ? MixtureFromKMeans.coldStart(reduced, mixtureInput, cluster)
          : MixtureWarmStart.start(
              cluster, reduction, featuresCol, mixtureInput, reduced, warm.assignments(), warm.measured());
      MixtureFromKMeans.Result mixture = MixtureFromKMeans.fit(reduced, mixtureInput, cluster, start);
      int k = start.k();
      List<Transformer> fittedStages = new ArrayList<>(List.of(reduction.stages()));
      fittedStages.add(mixture.scaler());
      fittedStages.add(mixture.model());
      fittedStages.add(
          new MaxProbability()
              .setInputCol(PROBABILITIES)
              .setOutputCol(PROBABILITY)
              .setKeepVector(cluster.gmmProbabilities()));
      PipelineModel fitted =
          new PipelineModel(Identifiable.randomUID("gmm"), fittedStages.toArray(Transformer[]::new));
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("gmm_log_likelihood", mixture.logLikelihood());
      // A cold start runs k-means before EM: its iterations count with EM's, so cold and warm compare fairly.
      int iterations = mixture.startIterations() + mixture.emIterations();
      metrics.put("gmm_kmeans_iterations", (double) mixture.startIterations());
      metrics.put("gmm_em_iterations", (double) mixture.emIterations());
      String from = "k-means (" + mixture.startIterations() + " iterations)";
      if (earlier != null) {
        int reused = Math.min(k, earlier.centres().size());
        metrics.put("warm_start_iterations", (double) iterations);
        metrics.put("warm_start_earlier_centres", (double) reused);
        from = reused + " earlier clusters" + (k > reused ? " and " + (k - reused) + " new" : "") + " (warm start)";
      }
      ClusteringSummary summary =
          new ClusteringSummary(
              ClusterConfig.GMM,
              iterations,
              -mixture.logLikelihood(),
              Map.of(),
              metrics,
              "EM (" + mixture.emIterations() + " iterations) from " + from + " on "
                  + (mixtureInput.equals(REDUCED) ? cluster.gmmDimensions() : dimensions) + " dimensions");
      return ClusteringModel.of("gmm", fitted, centres(fitted.transform(data), featuresCol, k, dimensions), summary);
    } finally {
      reduced.unpersist();
    }
  }

  /**
   * The mixture's means live in the reduced space; distances, representatives and SSE are measured in the features'
   * own space, so each cluster's centre there is the mean of its documents (one aggregation, k rows collected). A
   * component that won no document gets a zero centre.
   */
  static Vector[] centres(Dataset<Row> assigned, String featuresCol, int k, int dimensions) {
    Vector[] centres = new Vector[k];
    for (Row row :
        assigned.groupBy(Columns.CLUSTER_ID).agg(Summarizer.mean(col(featuresCol))).collectAsList()) {
      centres[row.getInt(0)] = row.getAs(1);
    }
    for (int i = 0; i < k; i++) {
      if (centres[i] == null) {
        centres[i] = Vectors.zeros(dimensions);
      }
    }
    return centres;
  }
}
