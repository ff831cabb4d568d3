package io.textcluster.job;

import static io.textcluster.job.StageProgress.count;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.textcluster.cluster.CentreDistances;
import io.textcluster.cluster.ClusteringMethods;
import io.textcluster.cluster.FittedClustering;
import io.textcluster.cluster.KMeansClustering;
import io.textcluster.config.ClusterConfig;
import io.textcluster.config.FeaturesConfig;
import io.textcluster.config.JobConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.evaluate.InternalMetrics;
import io.textcluster.evaluate.LabelContingency;
import io.textcluster.features.EmbeddedDocuments;
import io.textcluster.features.NumericFeatures;
import io.textcluster.features.AnalysedPipeline;
import io.textcluster.features.TfidfFeatures;
import io.textcluster.io.CatalogTables;
import io.textcluster.io.Corpus;
import io.textcluster.io.CorpusReader;
import io.textcluster.io.LakeTables;
import io.textcluster.io.AttemptWrites;
import io.textcluster.io.LakeWriter;
import io.textcluster.job.StageProgress.Outcome;
import io.textcluster.report.DocumentMap;
import io.textcluster.report.RunReport;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The one place that orchestrates a run: read the corpus, build features, cluster, describe and evaluate the clusters,
 * and write assignments, clusters and the run's record to the lake. A run either lands completely or leaves no rows
 * in assignments/clusters and a runs row marked failed.
 */
public final class TextClusteringJob {
  private static final String EMBEDDING_CACHE = "embedding_cache";
  private static final int NOISE = -1;

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

  /** The state of one run; everything it caches or broadcasts is released in {@link #run()}'s finally. */
  private static final class Execution {
    private final SparkSession spark;
    private final JobConfig config;
    private final String runId;
    private final PrintStream console;
    private final LakeWriter lake;
    private final StageProgress progress;
    private final Timestamp startedAt = new Timestamp(System.currentTimeMillis());

    private Corpus corpus;
    private Dataset<Row> featurized;
    private Dataset<Row> assigned;
    private CentreDistances distances;
    private long documents;
    private String featuresDescription;
    private LabelContingency contingency;
    private final Map<String, Double> featureMetrics = new LinkedHashMap<>();
    private final Map<String, Double> namingMetrics = new LinkedHashMap<>();
    private DocumentMap documentMap;
    /** Prints the console summary once the run has succeeded. */
    private Runnable summary = () -> {};
    private DriverMemory driverMemory;
    private ClusterMatching.Result matching;
    /** The k sweep's scores and choice (cluster.sweep.enabled), else null; chosenK is the k the run used. */
    private KSweep.Result sweep;
    private int chosenK;
    private int emptyClusters;
    private io.textcluster.nightly.NightlyOutputs nightly; // issue 17

    Execution(SparkSession spark, JobConfig config, String runId, PrintStream console) {
      this.spark = spark;
      this.config = config;
      this.runId = runId;
      this.console = console;
      this.lake = new LakeWriter(spark, config.output());
      this.progress = new StageProgress(console, spark.sparkContext(), runId);
      this.chosenK = config.cluster().k();
    }

    RunResult run() {
      console.printf("[textcluster] run %s -> %s%n", runId, config.output().path());
      return new RunLifecycle(spark, config.output(), runId, console).run(
          this::record, this::execute, this::report, this::release);
    }

    private RunLifecycle.Finished<RunResult> execute(AttemptWrites writes, int attempt) throws Exception {
      driverMemory = DriverMemory.watch();
      corpus =
          progress.run(
              "read",
              "reading " + config.input().describe(),
              () -> {
                Corpus c = new CorpusReader(spark).read(config.input(), numericColumns());
                return new Outcome<>(c, c.summary());
              });
      ScriptCheck.warnIfMismatched(corpus, config.text().language(), console);
      PipelineModel featureModel =
          progress.run("features", "analysing text and building " + config.features().type(), this::buildFeatures);
      FittedClustering clustering =
          progress.run(
              "cluster", config.cluster().algorithm() + (config.cluster().isDensity() ? ""
                  : config.cluster().sweep().enabled() ? " sweeping k" : " with k = " + config.cluster().k()),
              this::cluster);
      List<ClusterSummary> clusters = progress.run("describe", "keywords, representatives, statistics",
          () -> describe(featureModel, clustering));
      Map<String, Double> metrics = progress.run("evaluate", "metrics", () -> evaluate(clusters, clustering));
      if (config.report().enabled()) {
        documentMap = progress.run("map", "PCA for every document, t-SNE for a sample", this::map);
      }
      progress.run(
          "write", "writing tables to " + config.output().path(),
          () -> write(writes, featureModel, clustering, clusters));
      metrics.putAll(nightly.metrics()); // issue 17: lineage_*, trends_*
      if (config.output().database().isPresent()) {
        // Before the runs row says succeeded: a table name taken by another lake fails the run, not just the SQL.
        progress.run("catalog", "registering the tables in " + config.output().database().get(), this::register);
      }
      metrics.put(DriverMemory.METRIC, driverMemory.peakHeapMb());
      RunResult result = new RunResult(
          runId,
          documents,
          metrics,
          clusters.stream().map(ClusterSummary::name).collect(Collectors.toList()),
          config.output().path());
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

    private Outcome<PipelineModel> buildFeatures() {
      if (config.features().type().equals(FeaturesConfig.EMBEDDING)) {
        return buildEmbeddingFeatures();
      }
      List<PipelineStage> stages =
          numericFeatures()
              ? NumericFeatures.stages(corpus.documents(), config.features())
              : TfidfFeatures.stages(Corpus.TEXT, config.text(), config.features());
      if (!numericFeatures()) {
        TfidfFeatures.requireFeasibleBounds(config.features(), corpus.documentCount());
      }
      AnalysedPipeline fitted;
      try {
        fitted = AnalysedPipeline.fit(stages, corpus.documents());
      } catch (IllegalArgumentException e) {
        throw TfidfFeatures.explainEmptyVocabulary(e, config.input().textColumns(), corpus.documentCount());
      }
      PipelineModel model = fitted.model();
      // TF-IDF stages end by dropping documents without any vocabulary term (a numeric row of zeros is a point).
      try (fitted) {
        featurized = fitted.transformed().persist(StorageLevel.MEMORY_AND_DISK());
        documents = featurized.count();
      }
      long withoutTerms = corpus.documentCount() - documents;
      if (documents == 0) {
        throw TfidfFeatures.emptyVocabulary(config.input().textColumns(), corpus.documentCount(), null);
      }
      int vocabulary = DescribeStage.vocabulary(model).map(v -> v.length).orElse(0);
      featuresDescription = TfidfFeatures.describe(config.features(), config.text().language(), vocabulary);
      requireEnoughDistinctDocuments();
      return new Outcome<>(
          model,
          count(documents) + " documents, " + (vocabulary > 0 ? count(vocabulary) + " terms, " : "")
              + count(withoutTerms) + " without any vocabulary term dropped");
    }

    /** Embedding vectors (from the cache where it has them); tokens still come from text analysis, for keywords. */
    private Outcome<PipelineModel> buildEmbeddingFeatures() {
      EmbeddedDocuments embedded =
          EmbeddedDocuments.embed(
              spark, corpus.documents(), Corpus.DOC_ID, Corpus.TEXT, config.text(), config.features().embedding(),
              config.output().tablePath(EMBEDDING_CACHE));
      featurized = embedded.featurized().persist(StorageLevel.MEMORY_AND_DISK());
      documents = featurized.count();
      featureMetrics.putAll(embedded.metrics());
      featuresDescription = embedded.description();
      requireEnoughDistinctDocuments();
      return new Outcome<>(embedded.model(), count(documents) + " documents, " + embedded.summary());
    }

    /**
     * k-means cannot make more clusters than there are distinct documents. Counting distinct texts costs a shuffle,
     * so it is only done when the corpus is small enough for the question to matter.
     */
    private void requireEnoughDistinctDocuments() {
      int k = config.cluster().k();
      long distinct = documents;
      // Numeric-column corpora have no text to compare; their document count stands.
      if (documents <= 1000L * k && !numericFeatures()) {
        distinct = featurized.select(Corpus.TEXT).distinct().count();
      }
      if (distinct < k) {
        throw new TextClusterException(
            "cluster.k = " + k + " but only " + distinct + " distinct documents have terms to cluster; lower "
                + "'cluster.k' (or 'features.tfidf.min-doc-freq').");
      }
    }

    private Outcome<FittedClustering> cluster() {
      ClusterConfig clusterConfig = config.cluster();
      if (clusterConfig.sweep().enabled()) {
        sweep = KSweep.run(featurized, TfidfFeatures.FEATURES, clusterConfig, config.evaluate());
        chosenK = sweep.chosenK();
        clusterConfig = clusterConfig.withK(chosenK);
        console.printf("[textcluster] sweep     k = %d chosen by %s over k = %d..%d%n", chosenK, sweep.rule(),
            clusterConfig.sweep().kFrom(), clusterConfig.sweep().kTo());
      }
      FittedClustering fit = config.cluster().init().equals(io.textcluster.config.NightlyConfig.PREVIOUS_RUN)
          ? io.textcluster.nightly.WarmStartRun.fit(spark, config, featurized) // issue 17: warm start
          : ClusteringMethods.forConfig(clusterConfig).fit(featurized, TfidfFeatures.FEATURES);
      if (config.matchRun().isPresent()) {
        matching = ClusterMatching.relabel(lake, config.matchRun().get(), featurized, fit);
        fit = matching.relabelled();
      }
      distances = new CentreDistances(spark, fit.centres(), config.cluster().distance());
      assigned =
          distances
              .addTo(fit.model().transform(featurized), TfidfFeatures.FEATURES, KMeansClustering.CLUSTER_ID)
              .persist(StorageLevel.MEMORY_AND_DISK());
      long rows = assigned.count();
      // GMM and k-means on tiny data can fit components no document is assigned to: they are not clusters.
      long used = assigned.select(KMeansClustering.CLUSTER_ID).where(col(KMeansClustering.CLUSTER_ID).geq(0))
          .distinct().count();
      emptyClusters = config.cluster().isDensity() ? 0 : Math.max(0, fit.centres().length - (int) used);
      return new Outcome<>(fit, count(rows) + " documents in " + used + " clusters"
          + (emptyClusters > 0 ? " (" + emptyClusters + " of the " + fit.centres().length + " fitted came out empty)"
              : "") + ", " + fit.summary());
    }

    private Outcome<List<ClusterSummary>> describe(PipelineModel featureModel, FittedClustering clustering) {
      DescribeStage.Described described =
          new DescribeStage(spark, config, console).describe(assigned, corpus, documents, featureModel, clustering);
      contingency = described.contingency();
      namingMetrics.putAll(described.namingMetrics());
      return new Outcome<>(described.clusters(), described.clusters().size() + " clusters described");
    }

    private Outcome<Map<String, Double>> evaluate(List<ClusterSummary> clusters, FittedClustering clustering) {
      Map<String, Double> metrics = new LinkedHashMap<>(clustering.metrics());
      metrics.putAll(featureMetrics);
      metrics.putAll(namingMetrics);
      metrics.put("within_cluster_sse", clusters.stream().mapToDouble(ClusterSummary::squaredError).sum());
      long noise = clusters.stream().filter(c -> c.clusterId() == NOISE).mapToLong(ClusterSummary::size).sum();
      if (config.cluster().isDensity()) {
        metrics.put("noise_share", documents == 0 ? 0.0 : (double) noise / documents);
      }
      if (sweep != null) {
        metrics.put("sweep_chosen_k", (double) chosenK);
      }
      if (emptyClusters > 0) {
        metrics.put("empty_clusters", (double) emptyClusters);
      }
      // Centre-based and pairwise metrics describe the clusters: noise has no centre, so it is left out of them
      // (label metrics below keep it as a group of its own, as scikit-learn scores HDBSCAN's -1 labels).
      Map<String, Double> internal =
          InternalMetrics.compute(
              noise > 0 ? assigned.filter(col(KMeansClustering.CLUSTER_ID).geq(0)) : assigned,
              TfidfFeatures.FEATURES,
              KMeansClustering.CLUSTER_ID,
              Corpus.DOC_ID,
              config.evaluate().silhouette() ? config.evaluate().sampleSize() : 0,
              config.evaluate().sampleSeed());
      // The run's SSE stays the one to the model's centres (it is the sum of the clusters table's column); the
      // SSE to the cluster means (sklearn's inertia) differs only before k-means has converged.
      internal.forEach(metrics::putIfAbsent);
      if (contingency != null) {
        metrics.putAll(contingency.metrics());
      }
      String shown =
          metrics.entrySet().stream()
              .filter(e -> !clustering.metrics().containsKey(e.getKey()))
              .filter(e -> !e.getKey().equals("within_cluster_sse"))
              .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
              .collect(Collectors.joining(", "));
      return new Outcome<>(metrics, shown.isEmpty() ? "within-cluster SSE only" : shown);
    }

    private Outcome<DocumentMap> map() {
      DocumentMap fitted = DocumentMap.fit(spark, assigned, Corpus.DOC_ID, Corpus.TEXT, TfidfFeatures.FEATURES,
          config.report(), config.cluster().seed());
      return new Outcome<>(fitted, "map_x, map_y for " + count(documents) + " documents, t-SNE on "
          + count(fitted.sampled()));
    }

    /**
     * The model is saved under a hidden temporary name first and moved into place after the tables, so a failure at
     * any point leaves the earlier model (or none), never a partial folder.
     */
    private Outcome<Void> write(
        AttemptWrites writes, PipelineModel featureModel, FittedClustering clustering, List<ClusterSummary> clusters)
        throws java.io.IOException {
      org.apache.hadoop.fs.Path model = new org.apache.hadoop.fs.Path(modelPath());
      if (config.output().saveModel()) {
        List<Transformer> stages = new ArrayList<>(List.of(featureModel.stages()));
        stages.add(clustering.model());
        PipelineModel full = new PipelineModel("textcluster-" + runId, stages.toArray(Transformer[]::new));
        full.write().overwrite().save(writes.stage(model).toString());
      }
      List<Column> columns = AssignmentsTable.columns(runId, assigned, corpus);
      Dataset<Row> assignments = assigned;
      if (documentMap != null) {
        assignments = documentMap.addColumns(assigned, Corpus.DOC_ID);
        DocumentMap.COLUMNS.forEach(c -> columns.add(col(c)));
      }
      // issue 17 (nightly): novelty columns and thresholds, cluster_lineage, cluster_trends (nightly/NightlyOutputs).
      nightly = new io.textcluster.nightly.NightlyOutputs(spark, config.nightly(), runId, config.output(), console);
      Dataset<Row> thresholds = nightly.fitThresholds(assigned);
      assignments = nightly.withNovelty(assignments, thresholds, columns);
      writes.replaceRun(LakeTables.ASSIGNMENTS, assignments.select(columns.toArray(Column[]::new)));
      writes.replaceRun(LakeTables.CLUSTERS, nightly.clustersWithThresholds(
          ClustersTable.rows(spark, runId, clusters, clustering.centres(), matching), thresholds));
      if (matching != null) {
        nightly.writeLineage(writes, assigned, matching.earlierRun());
      }
      nightly.writeTrends(writes, assigned);
      if (contingency != null) {
        writes.replaceRun(LakeTables.CONTINGENCY, ContingencyTable.rows(spark, runId, contingency));
      }
      if (sweep != null) {
        writes.replaceRun(LakeTables.SWEEPS, sweep.rows(spark, runId));
      }
      if (config.output().saveModel()) {
        writes.commit(model);
      }
      return new Outcome<>(null, count(documents) + " assignments, " + clusters.size() + " clusters written");
    }

    private Outcome<List<String>> register() {
      CatalogTables catalog = new CatalogTables(spark, config.output());
      List<String> names = catalog.register();
      String note = catalog.catalogIsPersistent() ? "" : " (in-memory catalog: forgotten when this session ends; "
          + "set spark.sql.catalogImplementation=hive or use a cluster's metastore)";
      return new Outcome<>(names, String.join(", ", names) + note);
    }

    private RunRecord record(String status, Map<String, Double> metrics, String error) {
      return RunRecord.of(
          runId, status, startedAt, config, corpus, featurized != null, documents,
          new RunRecord.Model(featuresDescription, config.cluster().algorithm(), chosenK, null),
          metrics, progress.secondsPerStage(), Versions.current(spark.version()), error);
    }

    private boolean numericFeatures() {
      return config.features().type().equals(FeaturesConfig.COLUMNS);
    }

    private List<String> numericColumns() {
      return numericFeatures() ? config.features().columns() : List.of();
    }

    private String modelPath() {
      return config.output().tablePath(LakeTables.MODELS) + "/" + runId;
    }


    /** Every release is tried even when one fails; the first failure is thrown with the others suppressed. */
    private void release() {
      Releases.all(
          () -> { if (driverMemory != null) driverMemory.close(); },
          () -> { if (assigned != null) assigned.unpersist(); },
          () -> { if (featurized != null) featurized.unpersist(); },
          () -> { if (distances != null) distances.close(); },
          () -> { if (corpus != null) corpus.release(); });
    }
  }
}
