package io.textcluster.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.textcluster.cluster.CentreDistances;
import io.textcluster.cluster.GaussianMixtureClustering;
import io.textcluster.cluster.KMeansClustering;
import io.textcluster.io.Corpus;
import io.textcluster.io.LakeWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The columns of the assignments table, the same whether a run fitted its clusters or predicted them. */
final class AssignmentsTable {
  private AssignmentsTable() {}

  /** run_id, doc_id, cluster_id, distance, GMM memberships when present, the label, and the kept input columns. */
  static List<Column> columns(String runId, Dataset<Row> assigned, Corpus corpus) {
    List<Column> columns = new ArrayList<>();
    columns.add(lit(runId).as(LakeWriter.RUN_ID));
    columns.add(col(Corpus.DOC_ID));
    columns.add(col(KMeansClustering.CLUSTER_ID));
    columns.add(col(CentreDistances.DISTANCE));
    for (String membership :
        List.of(GaussianMixtureClustering.PROBABILITY, GaussianMixtureClustering.PROBABILITIES)) {
      if (List.of(assigned.columns()).contains(membership)) {
        columns.add(col(membership));
      }
    }
    // issue 19: text.language = auto stores each document's detected language.
    if (List.of(assigned.columns()).contains("language") && !corpus.keptColumns().contains("language")) {
      columns.add(col("language"));
    }
    if (corpus.hasLabel()) {
      columns.add(col(Corpus.LABEL));
    }
    corpus.keptColumns().forEach(c -> columns.add(col("`" + c + "`")));
    return columns;
  }
}
