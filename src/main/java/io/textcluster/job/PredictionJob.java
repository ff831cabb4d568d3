package io.textcluster.job;

import io.textcluster.instrument.StageProgress;
import io.textcluster.io.Versions;
import io.textcluster.io.RunRecord;
import io.textcluster.io.AssignmentsTable;
import io.textcluster.schema.Columns;
import static io.textcluster.instrument.StageProgress.count;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.textcluster.config.FeaturesConfig;
import io.textcluster.config.JobConfig;
import io.textcluster.config.OutputConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.evaluate.LabelContingency;
import io.textcluster.io.CatalogTables;
import io.textcluster.io.Corpus;
import io.textcluster.io.AttemptWrites;
import io.textcluster.io.CorpusReader;
import io.textcluster.io.LakeTables;
import io.textcluster.io.LakeWriter;
import io.textcluster.instrument.StageProgress.Outcome;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code textcluster predict}: assigns new documents with a finished run's saved PipelineModel (the same text
 * analysis, features and clusters) and writes them as a run of their own: assignments, and a runs row naming the
 * fitted run in {@code predicted_from_run}. The input is read with the fitted run's recorded input settings, each
 * replaceable (path, format, columns). Like a fitting run, it lands completely or leaves a runs row marked failed.
 */
public final class PredictionJob {
  /**
   * @param lake the fitted run's output.path; the prediction is written to the same lake
   * @param format the lake's table format (delta or parquet)
   * @param fittedRun the run whose model assigns the documents
   * @param runId this prediction's run id
   * @param inputOverrides input.* keys replacing the fitted run's (e.g. input.path, input.format, input.text-columns)
   */
  public record Request(
      String lake, String format, String fittedRun, String runId, Map<String, String> inputOverrides) {}

  private PredictionJob() {}

  public static RunResult run(SparkSession spark, Request request, PrintStream console) {
    LakeWriter.requireValidRunId(request.fittedRun(), "--run");
    LakeWriter.requireValidRunId(request.runId(), "--run-id");
    if (request.fittedRun().equals(request.runId())) {
      throw new io.textcluster.config.InvalidConfigException(
          "The prediction's run id is the fitted run's (\"" + request.runId() + "\"): it would replace that run's "
              + "rows. Choose another --run-id.");
    }
    for (String key : request.inputOverrides().keySet()) {
      if (!key.startsWith("input.")) {
        throw new TextClusterException(
            "Only input.* keys can be changed for a prediction (the features and clusters are the fitted run's), "
                + "not '" + key + "'.");
      }
    }
    OutputConfig output = new OutputConfig(request.lake(), request.format(), true);
    Map<String, String> overrides = new LinkedHashMap<>(request.inputOverrides());
    overrides.put("output.path", request.lake());
    overrides.put("output.format", request.format());
    overrides.put("cluster.match-run", "");
    FittedRun fitted = FittedRun.read(spark, output, request.fittedRun());
    JobConfig config = JobConfig.fromRunRecord(fitted.configJson(), overrides);
    // The fitted run's embeddings API or LLM may need a key here too: a missing one fails before any document is read.
    config.requireApiKeys(io.textcluster.config.Environment::variable);
    return new Execution(spark, config, fitted, request.runId(), console).run();
  }

  /** The fitted run's record: what predict needs from its runs row. */
  private record FittedRun(String runId, String configJson, String algorithm, int k) {
    static FittedRun read(SparkSession spark, OutputConfig output, String runId) {
      Dataset<Row> runs;
      try {
        runs = spark.read().format(output.format()).load(output.tablePath(LakeTables.RUNS));
      } catch (Exception e) {
        // Spark's AnalysisException (path not found) is a checked exception to Java.
        throw new TextClusterException(
            "No " + output.format() + " runs table at " + output.tablePath(LakeTables.RUNS) + ". Check --lake: it is "
                + "the fitted run's output.path, and --format: its output.format.", e);
      }
      List<Row> rows =
          runs.where(col("run_id").equalTo(runId)).select("status", "config", "algorithm", "k").takeAsList(1);
      if (rows.isEmpty()) {
        throw new TextClusterException(
            "Run '" + runId + "' is not in " + output.tablePath(LakeTables.RUNS) + ". Check --run and --lake.");
      }
      Row row = rows.get(0);
      if (!RunRecord.SUCCEEDED.equals(row.getString(0))) {
        throw new TextClusterException(
            "Run '" + runId + "' is '" + row.getString(0) + "', not succeeded: only a finished run has a model to "
                + "predict with.");
      }
      return new FittedRun(runId, row.getString(1), row.getString(2), row.getInt(3));
    }
  }

  private static final class Execution {
    private final SparkSession spark;
    private final JobConfig config;
    private final FittedRun fitted;
    private final String runId;
    private final PrintStream console;
    private final StageProgress progress;
    private final Timestamp startedAt = new Timestamp(System.currentTimeMillis());
    private Corpus corpus;
    private Dataset<Row> assigned;
    private long documents;
    private final Map<String, Double> nightlyMetrics = new LinkedHashMap<>(); // issue 17

    Execution(SparkSession spark, JobConfig config, FittedRun fitted, String runId, PrintStream console) {
      this.spark = spark;
      this.config = config;
      this.fitted = fitted;
      this.runId = runId;
      this.console = console;
      this.progress = new StageProgress(console, spark.sparkContext(), runId);
    }

    RunResult run() {
      console.printf("[textcluster] predict %s with run %s -> %s%n", runId, fitted.runId(), config.output().path());
      return new RunLifecycle(spark, config.output(), runId, console).run(
          this::record, this::execute, (result, writes) -> {}, this::release);
    }

    private void release() {
      Releases.all(
          // Blocking, as the clustering job's release: the session may stop right after.
          () -> { if (assigned != null) assigned.unpersist(true); },
          () -> { if (corpus != null) corpus.release(); });
    }

    private RunLifecycle.Finished<RunResult> execute(AttemptWrites writes, int attempt) throws Exception {
      corpus =
          progress.run("read", "reading " + config.input().describe(), () -> {
            Corpus c = new CorpusReader(spark).read(config.input(), numericColumns());
            return new Outcome<>(c, count(c.rowsRead()) + " rows, " + count(c.documentCount()) + " documents");
          });
      PipelineModel model = progress.run("assign", "the saved model of run " + fitted.runId(), this::assign);
      Map<String, Double> metrics = new LinkedHashMap<>();
      if (corpus.hasLabel()) {
        metrics.putAll(LabelContingency.compute(assigned, Columns.LABEL, Columns.CLUSTER_ID).metrics());
      }
      if (documents == 0) {
        throw new TextClusterException(
            "The model of run " + fitted.runId() + " assigned none of the " + corpus.documentCount() + " documents: "
                + "none has a term of its vocabulary. Check that --input holds documents like the fitted run's, in "
                + "the same language ('text.language'), and --text-columns.");
      }
      progress.run("write", "writing assignments to " + config.output().path(), () -> write(writes));
      metrics.putAll(nightlyMetrics); // issue 17: novel_share, trends_*
      if (config.output().database().isPresent()) {
        // The fitted run's output.database: its tables already cover these paths; a Parquet table learns the new
        // run_id partition, and a table first written now (none yet) gets registered.
        progress.run("catalog", "registering the tables in " + config.output().database().get(), () -> {
          String registered = new CatalogTables(spark, config.output()).registerAndDescribe();
          return new Outcome<>(registered, registered);
        });
      }
      console.printf(
          "Run %s: %,d documents assigned by run %s's model (%d stages)%n",
          runId, documents, fitted.runId(), model.stages().length);
      return new RunLifecycle.Finished<>(
          new RunResult(runId, documents, metrics, List.of(), config.output().path()), metrics);
    }

    private Outcome<PipelineModel> assign() {
      String path = config.output().tablePath(LakeTables.MODELS) + "/" + fitted.runId();
      PipelineModel model;
      try {
        model = PipelineModel.load(path);
      } catch (RuntimeException e) {
        throw new TextClusterException(
            "Cannot load the model of run '" + fitted.runId() + "' from " + path + " (" + e.getMessage() + "). A run "
                + "saves its model unless output.save-model = false; re-run it with the model saved.", e);
      }
      // The saved clustering model writes cluster_id and the distance to its centre itself: nothing is read back
      // from the clusters table. A model saved before models wrote distances gets a null one.
      Dataset<Row> predicted = model.transform(corpus.documents());
      if (!List.of(predicted.columns()).contains(Columns.DISTANCE)) {
        predicted = predicted.withColumn(Columns.DISTANCE, lit(null).cast("double"));
      }
      assigned = predicted.persist(StorageLevel.MEMORY_AND_DISK());
      documents = assigned.count();
      return new Outcome<>(
          model,
          count(documents) + " documents assigned, " + count(corpus.documentCount() - documents)
              + " without any vocabulary term dropped");
    }

    private Outcome<Void> write(AttemptWrites writes) throws java.io.IOException {
      List<Column> columns = AssignmentsTable.columns(runId, assigned, corpus);
      // issue 17 (nightly): novelty against the fitted run's thresholds, its novel share, cluster_trends.
      var nightly = new io.textcluster.nightly.NightlyOutputs(spark, config.nightly(), runId, config.output(), console);
      Dataset<Row> rows = assigned;
      var thresholds = nightly.savedThresholds(fitted.runId());
      if (thresholds.isPresent()) {
        rows = nightly.withNovelty(assigned, thresholds.get(), columns);
        nightly.reportNovelShare(rows);
      }
      writes.replaceRun(LakeTables.ASSIGNMENTS, rows.select(columns.toArray(Column[]::new)));
      nightly.writeTrends(writes, assigned);
      nightlyMetrics.putAll(nightly.metrics());
      return new Outcome<>(null, count(documents) + " assignments written");
    }

    private RunRecord record(String status, Map<String, Double> metrics, String error) {
      return RunRecord.of(
          runId, status, startedAt, config, corpus, assigned != null, documents,
          new RunRecord.Model("model of run " + fitted.runId(), fitted.algorithm(), fitted.k(), fitted.runId()),
          metrics, progress.secondsPerStage(), Versions.current(spark.version()), error);
    }

    private List<String> numericColumns() {
      return config.features().type().equals(FeaturesConfig.COLUMNS) ? config.features().columns() : List.of();
    }
  }
}
