package io.textcluster.job;

import static io.textcluster.instrument.StageProgress.count;
import static org.apache.spark.sql.functions.col;

import io.textcluster.config.JobConfig;
import io.textcluster.instrument.StageProgress.Outcome;
import io.textcluster.io.AssignmentsTable;
import io.textcluster.io.AttemptWrites;
import io.textcluster.io.ClustersTable;
import io.textcluster.io.Concurrently;
import io.textcluster.io.ContingencyTable;
import io.textcluster.io.LakeTables;
import io.textcluster.report.DocumentMap;
import io.textcluster.schema.Columns;
import io.textcluster.nightly.NightlyOutputs;
import java.io.PrintStream;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The write stage of a run: the fitted PipelineModel (features stages, then the clustering model) and the run's rows
 * of assignments, clusters, contingency and sweeps, all through the attempt's writes, so a failure at any point leaves
 * the earlier result (or none), never a partial one.
 */
final class WriteStage {
  private final SparkSession spark;
  private final JobConfig config;
  private final String runId;
  private final PrintStream console;

  WriteStage(SparkSession spark, JobConfig config, String runId, PrintStream console) {
    this.spark = spark;
    this.config = config;
    this.runId = runId;
    this.console = console;
  }

  String modelPath() {
    return config.output().tablePath(LakeTables.MODELS) + "/" + runId;
  }

  /**
   * The model is saved under a hidden temporary name first and moved into place after the tables.
   *
   * @param documentMap the report's map coordinates, or null when the report is off
   * @return the lineage, trends and novelty figures for the run's metrics
   */
  Outcome<Map<String, Double>> write(
      AttemptWrites writes, Clustered clustered, DescribeStage.Described described, DocumentMap documentMap)
      throws Exception {
    Path model = new Path(modelPath());
    Dataset<Row> assigned = clustered.assigned();
    List<Column> columns = AssignmentsTable.columns(runId, assigned, clustered.features().corpus());
    Dataset<Row> assignments = assigned;
    if (documentMap != null) {
      assignments = documentMap.addColumns(assigned, Columns.DOC_ID);
      DocumentMap.COLUMNS.forEach(c -> columns.add(col(c)));
    }
    // Novelty columns and thresholds, cluster_lineage, cluster_trends (nightly.md).
    NightlyOutputs nightly = new NightlyOutputs(spark, config.nightly(), runId, config.output(), console);
    Dataset<Row> thresholds = nightly.fitThresholds(assigned);
    Dataset<Row> assignmentRows = nightly.withNovelty(assignments, thresholds, columns)
        .select(columns.toArray(Column[]::new));
    // issue 20: the model and the tables are independent writes, run at once (Concurrently); the steps that add to
    // the nightly metrics (lineage, trends) share one step, so the metrics map is never written from two threads.
    List<Concurrently.Step> steps = new ArrayList<>();
    if (config.output().saveModel()) {
      steps.add(() -> {
        List<Transformer> stages = new ArrayList<>(List.of(clustered.features().model().stages()));
        stages.add(clustered.fit().model());
        PipelineModel full = new PipelineModel("textcluster-" + runId, stages.toArray(Transformer[]::new));
        full.write().overwrite().save(writes.stage(model).toString());
      });
    }
    steps.add(() -> writes.replaceRun(LakeTables.ASSIGNMENTS, assignmentRows));
    steps.add(() -> {
      writes.replaceRun(LakeTables.CLUSTERS, nightly.clustersWithThresholds(
          ClustersTable.rows(spark, runId, described.clusters(), clustered.fit().centres(), clustered.matching(),
              // issue 19: the language mix per cluster, when the run detected each document's language
              config.text().writesLanguage() ? io.textcluster.describe.ClusterLanguages.shares(assigned) : null),
          thresholds));
      if (clustered.matching() != null) {
        nightly.writeLineage(writes, assigned, clustered.matching().earlierRun());
      }
      nightly.writeTrends(writes, assigned);
    });
    if (described.contingency() != null || clustered.sweep() != null) {
      steps.add(() -> {
        if (described.contingency() != null) {
          writes.replaceRun(LakeTables.CONTINGENCY, ContingencyTable.rows(spark, runId, described.contingency()));
        }
        if (clustered.sweep() != null) {
          writes.replaceRun(LakeTables.SWEEPS, clustered.sweep().rows(spark, runId));
        }
      });
    }
    Concurrently.run(steps);
    if (config.output().saveModel()) {
      writes.commit(model);
    }
    return new Outcome<>(
        nightly.metrics(), count(clustered.features().count()) + " assignments, " + described.clusters().size()
            + " clusters written");
  }
}
