package io.textcluster.job;

import io.textcluster.schema.Columns;
import static io.textcluster.instrument.StageProgress.count;

import io.textcluster.config.ClusterConfig;
import io.textcluster.config.JobConfig;
import io.textcluster.describe.ClusterSummary;
import io.textcluster.instrument.DriverMemory;
import io.textcluster.instrument.StageProgress;
import io.textcluster.instrument.StageProgress.Outcome;
import io.textcluster.io.AttemptWrites;
import io.textcluster.io.CatalogTables;
import io.textcluster.io.Corpus;
import io.textcluster.io.CorpusReader;
import io.textcluster.io.LakeWriter;
import io.textcluster.io.RunRecord;
import io.textcluster.io.Versions;
import io.textcluster.report.DocumentMap;
import io.textcluster.report.RunReport;
import io.textcluster.schema.Columns;
import io.textcluster.text.LanguageCheck;
import io.textcluster.text.ScriptCheck;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * The one place that orchestrates a run: read the corpus, build features, cluster, describe and evaluate the clusters,
 * and write assignments, clusters and the run's record to the lake. A run either lands completely or leaves no rows
 * in assignments/clusters and a runs row marked failed.
 */
public final class TextClusteringJob {
  private TextClusteringJob() {}

  public static RunResult run(SparkSession spark, JobConfig config) {
    return run(spark, config, newRunId(), System.out);
  }

  public static RunResult run(SparkSession spark, JobConfig config, String runId) {
    return run(spark, config, runId, System.out);
  }

  public static RunResult run(SparkSession spark, JobConfig config, String runId, PrintStream console) {
    LakeWriter.requireValidRunId(runId, "--run-id");
    LakeWriter.requireLakeFolder(config.output().path(), "output.path");
    return new Execution(spark, config, runId, console).run();
  }

  /** A run id that sorts by time: 20261123-141503-3f9a. */
  public static String newRunId() {
    return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT))
        + "-"
        + UUID.randomUUID().toString().substring(0, 4);
  }

  /**
   * One run: the stages pass immutable results left to right (corpus -> featurized -> clustered -> described ->
   * metrics -> written). The only state kept here is what the runs row and the release need when a stage fails.
   */
  private static final class Execution {
    private final SparkSession spark;
    private final JobConfig config;
    private final String runId;
    private final PrintStream console;
    private final StageProgress progress;
    private final Timestamp startedAt = new Timestamp(System.currentTimeMillis());

    private Corpus corpus;
    private Featurized featurized;
    private Clustered clustered;
    private DriverMemory driverMemory;
    /** Prints the console summary once the run has succeeded. */
    private Runnable summary = () -> {};

    Execution(SparkSession spark, JobConfig config, String runId, PrintStream console) {
      this.spark = spark;
      this.config = config;
      this.runId = runId;
      this.console = console;
      this.progress = new StageProgress(console, spark.sparkContext(), runId);
    }

    RunResult run() {
      console.printf("[textcluster] run %s -> %s%n", runId, config.output().path());
      return new RunLifecycle(spark, config.output(), runId, console).run(
          this::record, this::execute, this::report, this::release);
    }

    private RunLifecycle.Finished<RunResult> execute(AttemptWrites writes, int attempt) throws Exception {
      driverMemory = DriverMemory.watch();
      List<String> numericColumns = FeatureStage.numeric(config) ? config.features().columns() : List.of();
      corpus = progress.run("read", "reading " + config.input().describe(), () -> {
        Corpus c = new CorpusReader(spark).read(config.input(), numericColumns);
        return new Outcome<>(c, c.summary());
      });
      ScriptCheck.warnIfMismatched(corpus, config.text().language(), console);
      // The language-level check (detector on a sample); per-column languages are the user's own choice.
      if (config.text().columnLanguages().isEmpty()) {
        LanguageCheck.check(corpus.documents(), Columns.TEXT, config.text().language())
            .ifPresent(w -> console.println("[textcluster] warning: " + w));
      }
      featurized = progress.run("features", "analysing text and building " + config.features().type(),
          () -> new FeatureStage(spark, config).build(corpus));
      ClusterConfig cluster = config.cluster();
      clustered = progress.run("cluster", cluster.algorithm() + (cluster.isDensity() ? ""
              : cluster.sweep().enabled() ? " sweeping k" : " with k = " + cluster.k()),
          () -> new ClusterStage(config, new LakeWriter(spark, config.output()), console).fit(featurized));
      // issue 20: the cluster stage cached and counted `assigned`, which holds every column of the featurized
      // documents (the vectors too), and no later stage reads the featurized copy: one cached copy, not two.
      featurized.documents().unpersist(false);
      // issue 20: the map's layout runs on one driver core; beside it, describe and evaluate keep the executors busy.
      StageProgress.Beside<DocumentMap> mapping = config.report().enabled() ? progress.runBeside("map",
          "PCA for every document, " + config.report().mapLayout() + " for a sample", () -> map(clustered)) : null;
      DescribeStage.Described described;
      Map<String, Double> metrics;
      try {
        described = progress.run("describe", "keywords, representatives, statistics", () -> describe(clustered));
        metrics = progress.run("evaluate", "metrics", () -> new EvaluateStage(config).evaluate(clustered, described));
      } catch (Exception | Error e) {
        if (mapping != null) {
          mapping.settle();
        }
        throw e;
      }
      DocumentMap documentMap = mapping == null ? null : mapping.join();
      metrics.putAll(progress.run("write", "writing tables to " + config.output().path(),
          () -> new WriteStage(spark, config, runId, console).write(writes, clustered, described, documentMap)));
      if (config.output().database().isPresent()) {
        // Before the runs row says succeeded: a table name taken by another lake fails the run, not just the SQL.
        progress.run("catalog", "registering the tables in " + config.output().database().get(), () -> {
          String registered = new CatalogTables(spark, config.output()).registerAndDescribe();
          return new Outcome<>(registered, registered);
        });
      }
      metrics.put(DriverMemory.METRIC, driverMemory.peakHeapMb());
      List<ClusterSummary> clusters = described.clusters();
      RunResult result = new RunResult(runId, featurized.count(), metrics,
          clusters.stream().map(ClusterSummary::name).collect(Collectors.toList()), config.output().path());
      summary = () -> ConsoleSummary.print(console, runId, clusters, metrics, config.output().path());
      return new RunLifecycle.Finished<>(result, metrics);
    }

    /** After the runs row says succeeded: the report is rebuilt from the tables alone, as `textcluster report` does. */
    private void report(RunResult result, AttemptWrites writes) throws Exception {
      if (config.report().enabled()) {
        progress.run("report", "writing the HTML report", () -> {
          String page = new RunReport(spark, config.output(), config.report()).write(runId);
          return new Outcome<>(page, page);
        });
      }
      summary.run();
    }

    private Outcome<DescribeStage.Described> describe(Clustered clustered) {
      DescribeStage.Described described = new DescribeStage(spark, config, console).describe(clustered);
      return new Outcome<>(described, described.clusters().size() + " clusters described");
    }

    private Outcome<DocumentMap> map(Clustered clustered) {
      DocumentMap fitted = DocumentMap.fit(spark, clustered.assigned(), corpus.documents(), Columns.DOC_ID,
          Columns.TEXT, Columns.FEATURES, config.report(), config.cluster().seed());
      return new Outcome<>(fitted, "map_x, map_y for " + count(featurized.count()) + " documents, "
          + config.report().mapLayout() + " on " + count(fitted.sampled()));
    }

    private RunRecord record(String status, Map<String, Double> metrics, String error) {
      String features = featurized == null ? null : featurized.description();
      int k = clustered == null ? config.cluster().k() : clustered.k();
      return RunRecord.of(
          runId, status, startedAt, config, corpus, featurized != null, featurized == null ? 0 : featurized.count(),
          new RunRecord.Model(features, config.cluster().algorithm(), k, null),
          metrics, progress.secondsPerStage(), Versions.current(spark.version()), error);
    }

    /**
     * Every release is tried even when one fails; the first failure is thrown with the others suppressed. Cached data
     * is dropped blocking: the session may stop right after, and a removal still running then printed a rejected
     * task's stack trace (blocks spilled to disk take a while to delete).
     */
    private void release() {
      Releases.all(
          () -> { if (driverMemory != null) driverMemory.close(); },
          () -> { if (clustered != null) clustered.assigned().unpersist(true); },
          () -> { if (featurized != null) featurized.documents().unpersist(true); },
          () -> { if (corpus != null) corpus.release(); });
    }
  }
}
