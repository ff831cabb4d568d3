package io.textcluster.io;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.textcluster.cluster.GaussianMixtureClustering;
import io.textcluster.io.Corpus;
import io.textcluster.io.LakeWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The columns of the assignments table, the same whether a run fitted its clusters or predicted them. */
public final class AssignmentsTable {
  private AssignmentsTable() {}

  /** run_id, doc_id, cluster_id, distance, GMM memberships when present, the label, and the kept input columns. */
  public static List<Column> columns(String runId, Dataset<Row> assigned, Corpus corpus) {
    List<Column> columns = new ArrayList<>();
    columns.add(lit(runId).as(LakeWriter.RUN_ID));
    columns.add(col(Columns.DOC_ID));
    columns.add(col(Columns.CLUSTER_ID));
    columns.add(col(Columns.DISTANCE));
    for (String membership :
        List.of(Columns.PROBABILITY, GaussianMixtureClustering.PROBABILITIES)) {
      if (List.of(assigned.columns()).contains(membership)) {
        columns.add(col(membership));
      }
    }
    // text.language = auto stores each document's detected language.
    if (List.of(assigned.columns()).contains("language") && !corpus.keptColumns().contains("language")) {
      columns.add(col("language"));
    }
    if (corpus.hasLabel()) {
      columns.add(col(Columns.LABEL));
    }
    corpus.keptColumns().forEach(c -> columns.add(col("`" + c + "`")));
    return columns;
  }
}
