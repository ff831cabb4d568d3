package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;

import io.textcluster.config.ClusterControl;
import io.textcluster.config.TextClusterException;
import io.textcluster.features.LsaReducer;
import io.textcluster.report.RandomProjection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Lets hdbscan, dbscan and agglomerative run on the features a user starts with. They fit a dense sample on the
 * driver, which sparse TF-IDF over a whole vocabulary cannot be; so, as gmm does for its covariances, the features are
 * first reduced (LSA, or a seeded random projection), the method fits on the reduced column, and the reduction becomes
 * the first stage of the method's assigner: a saved run reduces new documents the same way before assigning them.
 * Centres are then re-measured in the features' own space (the mean of each cluster's documents), where the job
 * computes distances, squared errors and representatives.
 */
final class InputReduction {
  /** The working column the method fits on; dropped again after assignment. */
  static final String REDUCED = "cluster_input";
  private static final int SPARSE_KEEP_LIMIT = DriverSample.MAX_DIMENSIONS;

  private InputReduction() {}

  /** What auto means for these features: lsa for sparse term vectors or anything too wide for the driver, else none. */
  static String choose(String reduction, Vector first, int dimensions) {
    if (!reduction.equals(ClusterControl.AUTO)) {
      return reduction;
    }
    boolean termVectors = first instanceof SparseVector && first.size() > 2 * dimensions;
    return termVectors || first.size() > SPARSE_KEEP_LIMIT ? ClusterControl.LSA : ClusterControl.NONE;
  }

  /**
   * Fits {@code method} (given the column to fit on and the data holding it) on the reduced features when the
   * reduction applies, else on the features as they are.
   */
  static ClusteringModel fit(
      InputReductionParams params, long seed, String featuresCol, Dataset<Row> data,
      BiFunction<String, Dataset<Row>, ClusteringModel> method) {
    Vector first = data.select(featuresCol).first().getAs(0);
    int dimensions = params.getReductionDimensions();
    String chosen = choose(params.getReduction(), first, dimensions);
    if (chosen.equals(ClusterControl.NONE)) {
      return method.apply(featuresCol, data);
    }
    if (dimensions >= first.size()) {
      throw new TextClusterException(
          "cluster.reduction.dimensions = " + dimensions + " but the features have only " + first.size()
              + " dimensions; lower 'cluster.reduction.dimensions' or set 'cluster.reduction.method' = none.");
    }
    PipelineStage stage =
        chosen.equals(ClusterControl.LSA)
            ? new LsaReducer().setInputCol(featuresCol).setOutputCol(REDUCED).setDimensions(dimensions)
            : new RandomProjection().setInputCol(featuresCol).setOutputCol(REDUCED).setDimensions(dimensions)
                .setSeed(seed);
    PipelineModel reduction = new Pipeline().setStages(new PipelineStage[] {stage}).fit(data);
    Dataset<Row> reduced = reduction.transform(data).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      ClusteringModel inner = method.apply(REDUCED, reduced);
      PipelineModel assigner =
          new PipelineModel(Identifiable.randomUID("reducedAssigner"), new Transformer[] {
              reduction.stages()[0], inner.assigner(), new DropColumns().setColumns(REDUCED)});
      Vector[] centres =
          centres(inner.assigner().transform(reduced), featuresCol, inner.numClusters(), first.size());
      ClusteringSummary fitted = inner.summary();
      Map<String, Double> metrics = new LinkedHashMap<>(fitted.metrics());
      metrics.put("reduced_dimensions", (double) dimensions);
      String how = (chosen.equals(ClusterControl.LSA) ? "LSA" : "random projection") + " to " + dimensions
          + " of " + first.size() + " dimensions (cluster.reduction)";
      ClusteringSummary summary =
          new ClusteringSummary(fitted.method(), fitted.iterations(), fitted.cost(), fitted.parents(), metrics,
              how + ", then " + fitted.description());
      return ClusteringModel.of(fitted.method(), assigner, centres, summary);
    } finally {
      reduced.unpersist();
    }
  }

  /** Each cluster's mean document in the features' own space (k rows collected); noise has none, empty ones zero. */
  static Vector[] centres(Dataset<Row> assigned, String featuresCol, int k, int dimensions) {
    Vector[] centres = new Vector[k];
    for (Row row : assigned.where(col(Columns.CLUSTER_ID).geq(0))
        .groupBy(Columns.CLUSTER_ID).agg(Summarizer.mean(col(featuresCol))).collectAsList()) {
      int id = row.getInt(0);
      if (id < k) {
        centres[id] = row.getAs(1);
      }
    }
    for (int c = 0; c < k; c++) {
      if (centres[c] == null) {
        centres[c] = Vectors.zeros(dimensions);
      }
    }
    return centres;
  }
}
