package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An earlier run's clusters measured in this run's feature space: the mean of this run's features over the documents
 * both runs share, per earlier cluster (one join and aggregation, k rows collected). Stored centres could not be
 * compared or reused: a re-fit learns a new vocabulary (term i is another word) or a new LSA basis. The same
 * measurement as stable-id matching (job/ClusterMatching); warm start starts from it.
 */
public final class EarlierCentres {
  /** Each earlier cluster's centre here, and how many shared documents it was measured on. */
  public record Measured(Map<Integer, Vector> centres, Map<Integer, Long> documents) {}

  private EarlierCentres() {}

  /**
   * @param earlier the earlier run's (doc_id, cluster_id) rows; noise (-1) is left out
   * @param featurized this run's documents with {@code docId} and {@code featuresCol}
   */
  public static Measured measure(Dataset<Row> earlier, Dataset<Row> featurized, String docId, String featuresCol) {
    Dataset<Row> clusters =
        earlier.where(col(Columns.CLUSTER_ID).geq(0))
            .select(col(docId), col(Columns.CLUSTER_ID).as("earlier_cluster_id"));
    Map<Integer, Vector> centres = new LinkedHashMap<>();
    Map<Integer, Long> documents = new LinkedHashMap<>();
    for (Row row :
        featurized.select(docId, featuresCol)
            .join(clusters, docId)
            .groupBy("earlier_cluster_id")
            .agg(Summarizer.mean(col(featuresCol)), count(lit(1)))
            .orderBy("earlier_cluster_id")
            .collectAsList()) {
      centres.put(row.getInt(0), row.getAs(1));
      documents.put(row.getInt(0), row.getLong(2));
    }
    return new Measured(centres, documents);
  }
}
