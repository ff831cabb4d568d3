package io.textcluster.job;

import static io.textcluster.job.StageProgress.count;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.textcluster.cluster.CentreDistances;
import io.textcluster.cluster.ClusteringMethods;
import io.textcluster.cluster.FittedClustering;
import io.textcluster.cluster.KMeansClustering;
import io.textcluster.config.ClusterConfig;
import io.textcluster.config.Environment;
import io.textcluster.config.FeaturesConfig;
import io.textcluster.config.JobConfig;
import io.textcluster.config.NamingConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.describe.ClusterKeywords;
import io.textcluster.describe.ClusterRepresentatives;
import io.textcluster.describe.ClusterSamples;
import io.textcluster.describe.ClusterStatistics;
import io.textcluster.describe.ClusterTopValues;
import io.textcluster.describe.Keyword;
import io.textcluster.describe.LabelVocabulary;
import io.textcluster.describe.LlmClusterNamer;
import io.textcluster.describe.NamingCache;
import io.textcluster.describe.Representative;
import io.textcluster.describe.VocabularyLabels;
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
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.CountVectorizerModel;
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
  private static final int NAME_KEYWORDS = 3;
  private static final String EMBEDDING_CACHE = "embedding_cache";
  private static final int NOISE = -1;
  private static final String NOISE_NAME = "noise";

  private TextClusteringJob() {}

  public static RunResult run(SparkSession spark, JobConfig config) {
    return run(spark, config, newRunId(), System.out);
  }

  public static RunResult run(SparkSession spark, JobConfig config, String runId) {
    return run(spark, config, runId, System.out);
  }

  public static RunResult run(SparkSession spark, JobConfig config, String runId, PrintStream console) {
    if (!LakeWriter.isValidRunId(runId)) {
      throw new TextClusterException(
          "The run id \"" + runId + "\" is not allowed: use 1-128 letters, digits, '_', '-' or '.', starting with a "
              + "letter or digit.");
    }
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
    private DriverMemory driverMemory;
    private ClusterMatching.Result matching;
    /** The k sweep's scores and choice (cluster.sweep.enabled), else null; chosenK is the k the run used. */
    private KSweep.Result sweep;
    private int chosenK;

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
      lake.replaceRun(LakeTables.RUNS, runId, RunsTable.row(spark, record(RunRecord.RUNNING, Map.of(), null)));
      try {
        return execute();
      } catch (Exception failure) {
        // Not only RuntimeException: a failed Spark task arrives as a checked SparkException, and such runs were
        // left marked running.
        RuntimeException reported = RunFailure.of(failure);
        recordFailure(reported);
        throw reported;
      } finally {
        release();
      }
    }

    private RunResult execute() {
      driverMemory = DriverMemory.watch();
      corpus =
          progress.run(
              "read",
              "reading " + config.input().describe(),
              () -> {
                Corpus c = new CorpusReader(spark).read(config.input(), numericColumns());
                return new Outcome<>(
                    c,
                    count(c.rowsRead()) + " rows, " + count(c.emptyTextRows()) + " with empty text dropped, "
                        + count(c.counts().duplicateIdRows()) + " repeating an id dropped, "
                        + count(c.counts().invalidUtf8Rows()) + " with invalid UTF-8 repaired, "
                        + count(c.documentCount()) + " documents");
              });
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
          "write", "writing tables to " + config.output().path(), () -> write(featureModel, clustering, clusters));
      if (config.output().database().isPresent()) {
        // Before the runs row says succeeded: a table name taken by another lake fails the run, not just the SQL.
        progress.run("catalog", "registering the tables in " + config.output().database().get(), this::register);
      }
      metrics.put(DriverMemory.METRIC, driverMemory.peakHeapMb());
      lake.replaceRun(
          LakeTables.RUNS, runId, RunsTable.row(spark, record(RunRecord.SUCCEEDED, metrics, null)));
      if (config.report().enabled()) {
        // After the runs row: the report is rebuilt from the tables alone, exactly as `textcluster report` does.
        progress.run("report", "writing the HTML report", () -> {
          String page = new RunReport(spark, config.output(), config.report()).write(runId);
          return new Outcome<>(page, page);
        });
      }
      ConsoleSummary.print(console, runId, clusters, metrics, config.output().path());
      return new RunResult(
          runId,
          documents,
          metrics,
          clusters.stream().map(ClusterSummary::name).collect(Collectors.toList()),
          config.output().path());
    }

    private Outcome<PipelineModel> buildFeatures() {
      if (config.features().type().equals(FeaturesConfig.EMBEDDING)) {
        return buildEmbeddingFeatures();
      }
      List<PipelineStage> stages =
          numericFeatures()
              ? NumericFeatures.stages(corpus.documents(), config.features())
              : TfidfFeatures.stages(Corpus.TEXT, config.text(), config.features());
      AnalysedPipeline fitted = AnalysedPipeline.fit(stages, corpus.documents());
      PipelineModel model = fitted.model();
      // TF-IDF stages end by dropping documents without any vocabulary term (a numeric row of zeros is a point).
      try (fitted) {
        featurized = fitted.transformed().persist(StorageLevel.MEMORY_AND_DISK());
        documents = featurized.count();
      }
      long withoutTerms = corpus.documentCount() - documents;
      int vocabulary = vocabulary(model).map(v -> v.length).orElse(0);
      featuresDescription = describeFeatures(vocabulary);
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
      FittedClustering fit =
          ClusteringMethods.forConfig(clusterConfig).fit(featurized, TfidfFeatures.FEATURES);
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
      return new Outcome<>(
          fit, count(rows) + " documents in " + fit.centres().length + " clusters, " + fit.summary());
    }

    private Outcome<List<ClusterSummary>> describe(PipelineModel featureModel, FittedClustering clustering) {
      Map<Integer, List<Keyword>> keywords =
          numericFeatures()
              ? Map.of()
              : ClusterKeywords.top(
              spark,
              assigned,
              KMeansClustering.CLUSTER_ID,
              TfidfFeatures.TOKENS,
              vocabulary(featureModel),
              config.describe().keywords(),
              config.describe().bigrams());
      // Noise (cluster_id -1) has no centre, hence no distance: it gets no representatives or samples.
      Dataset<Row> clustered =
          config.cluster().isDensity() ? assigned.filter(col(KMeansClustering.CLUSTER_ID).geq(0)) : assigned;
      Map<Integer, List<Representative>> representatives =
          ClusterRepresentatives.nearest(
              clustered,
              KMeansClustering.CLUSTER_ID,
              Corpus.DOC_ID,
              Corpus.TEXT,
              CentreDistances.DISTANCE,
              config.describe().representatives(),
              config.describe().snippetChars());
      Map<Integer, List<Representative>> samples =
          ClusterSamples.sample(
              clustered,
              KMeansClustering.CLUSTER_ID,
              Corpus.DOC_ID,
              Corpus.TEXT,
              CentreDistances.DISTANCE,
              config.describe().samples(),
              config.describe().snippetChars(),
              config.describe().sampleSeed());
      Map<Integer, Map<String, List<ClusterTopValues.ValueCount>>> topValues =
          ClusterTopValues.top(
              assigned, KMeansClustering.CLUSTER_ID, corpus.keptColumns(), config.describe().topValues());
      Map<Integer, List<Keyword>> vocabularyLabels = vocabularyLabels(featureModel, clustering);
      Map<Integer, ClusterStatistics.Stats> stats =
          ClusterStatistics.compute(
              assigned, KMeansClustering.CLUSTER_ID, CentreDistances.SQUARED_ERROR, corpus.keptColumns());
      LabelContingency labels =
          corpus.hasLabel() ? LabelContingency.compute(assigned, Corpus.LABEL, KMeansClustering.CLUSTER_ID) : null;
      Map<Integer, String> names = name(stats.keySet(), keywords, samples, representatives);
      // Density methods' noise (cluster_id -1) is a row of its own, named as what it is.
      names.computeIfPresent(NOISE, (id, name) -> NOISE_NAME);
      List<ClusterSummary> clusters = new ArrayList<>();
      for (ClusterStatistics.Stats s : stats.values()) {
        List<Keyword> terms = keywords.getOrDefault(s.clusterId(), List.of());
        clusters.add(
            new ClusterSummary(
                s.clusterId(),
                s.size(),
                (double) s.size() / documents,
                names.get(s.clusterId()),
                terms,
                representatives.getOrDefault(s.clusterId(), List.of()),
                s.means(),
                labels == null ? null : labels.labelCounts(s.clusterId()),
                labels == null ? null : labels.majorityLabel(s.clusterId()),
                s.squaredError(),
                samples.getOrDefault(s.clusterId(), List.of()),
                s.numeric(),
                topValues.getOrDefault(s.clusterId(), Map.of()),
                vocabularyLabels.getOrDefault(s.clusterId(), List.of()),
                clustering.parents().get(s.clusterId())));
      }
      contingency = labels;
      return new Outcome<>(clusters, clusters.size() + " clusters described");
    }

    /**
     * Seed 002's labels need TF-IDF weights and dense vectors: LSA runs have both; embedding runs have only the
     * vectors, so their weights are fitted on the analysed terms here.
     */
    private Map<Integer, List<Keyword>> vocabularyLabels(PipelineModel featureModel, FittedClustering clustering) {
      int perCluster = config.describe().vocabularyLabels();
      FeaturesConfig f = config.features();
      if (f.lsaEnabled() && vocabulary(featureModel).isPresent()) {
        return VocabularyLabels.top(spark, assigned, TfidfFeatures.TFIDF, TfidfFeatures.FEATURES,
            vocabulary(featureModel).get(), clustering.centres(), perCluster);
      }
      if (f.type().equals(FeaturesConfig.EMBEDDING) && perCluster > 0) {
        LabelVocabulary terms = LabelVocabulary.fit(assigned, TfidfFeatures.TOKENS,
            config.describe().labelVocabularySize(), f.minDocFreq(), f.maxDocFreq());
        return VocabularyLabels.top(spark, terms.weighted(), LabelVocabulary.WEIGHTS, TfidfFeatures.FEATURES,
            terms.terms(), clustering.centres(), perCluster);
      }
      return Map.of();
    }

    /** Keyword names (offline), or the LLM's where describe.naming = llm and it answered. */
    private Map<Integer, String> name(
        java.util.Set<Integer> ids,
        Map<Integer, List<Keyword>> keywords,
        Map<Integer, List<Representative>> samples,
        Map<Integer, List<Representative>> representatives) {
      Map<Integer, String> names = new LinkedHashMap<>();
      List<LlmClusterNamer.Cluster> toAsk = new ArrayList<>();
      for (int id : ids) {
        List<Keyword> terms = keywords.getOrDefault(id, List.of());
        String keywordName =
            terms.stream().limit(NAME_KEYWORDS).map(Keyword::term).collect(Collectors.joining(" / "));
        names.put(id, keywordName);
        List<Representative> shown = samples.getOrDefault(id, representatives.getOrDefault(id, List.of()));
        toAsk.add(
            new LlmClusterNamer.Cluster(
                id,
                keywordName,
                terms.stream().map(Keyword::term).toList(),
                shown.stream().map(Representative::snippet).toList()));
      }
      NamingConfig naming = config.describe().naming();
      if (!naming.usesLlm()) {
        return names;
      }
      String cachePath =
          naming.cachePath().isEmpty() ? config.output().tablePath(LakeTables.NAMING_CACHE) : naming.cachePath();
      LlmClusterNamer.Outcome outcome =
          new LlmClusterNamer(naming, new NamingCache(spark, cachePath), Environment::variable).name(toAsk);
      names.putAll(outcome.names());
      namingMetrics.put("llm_requests", (double) outcome.requests());
      namingMetrics.put("llm_names_cached", (double) outcome.cached());
      namingMetrics.put("llm_names_fallback", (double) outcome.fallbacks());
      if (outcome.fallbacks() > 0) {
        console.printf(
            "[textcluster] naming    %d of %d clusters keep their keyword names: %s%n",
            outcome.fallbacks(), ids.size(), String.join("; ", outcome.reasons()));
      } else {
        console.printf(
            "[textcluster] naming    %d clusters named by %s (%d requests, %d cached)%n",
            ids.size(), naming.model(), outcome.requests(), outcome.cached());
      }
      return names;
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

    private Outcome<Void> write(
        PipelineModel featureModel, FittedClustering clustering, List<ClusterSummary> clusters) {
      if (config.output().saveModel()) {
        List<Transformer> stages = new ArrayList<>(List.of(featureModel.stages()));
        stages.add(clustering.model());
        PipelineModel full = new PipelineModel("textcluster-" + runId, stages.toArray(Transformer[]::new));
        try {
          full.write().overwrite().save(modelPath());
        } catch (java.io.IOException e) {
          throw new IllegalStateException("Cannot save the model to " + modelPath(), e);
        }
      }
      List<Column> columns = AssignmentsTable.columns(runId, assigned, corpus);
      Dataset<Row> assignments = assigned;
      if (documentMap != null) {
        assignments = documentMap.addColumns(assigned, Corpus.DOC_ID);
        DocumentMap.COLUMNS.forEach(c -> columns.add(col(c)));
      }
      lake.replaceRun(LakeTables.ASSIGNMENTS, runId, assignments.select(columns.toArray(Column[]::new)));
      lake.replaceRun(
          LakeTables.CLUSTERS, runId, ClustersTable.rows(spark, runId, clusters, clustering.centres(), matching));
      if (contingency != null) {
        lake.replaceRun(LakeTables.CONTINGENCY, runId, ContingencyTable.rows(spark, runId, contingency));
      }
      if (sweep != null) {
        lake.replaceRun(LakeTables.SWEEPS, runId, sweep.rows(spark, runId));
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

    private void recordFailure(RuntimeException failure) {
      try {
        deleteModel();
        lake.deleteRun(LakeTables.ASSIGNMENTS, runId);
        lake.deleteRun(LakeTables.CLUSTERS, runId);
        lake.deleteRun(LakeTables.CONTINGENCY, runId);
        lake.deleteRun(LakeTables.SWEEPS, runId);
        lake.replaceRun(
            LakeTables.RUNS,
            runId,
            RunsTable.row(spark, record(RunRecord.FAILED, Map.of(), String.valueOf(failure.getMessage()))));
      } catch (RuntimeException cleanup) {
        failure.addSuppressed(cleanup);
      }
    }

    private RunRecord record(String status, Map<String, Double> metrics, String error) {
      return RunRecord.of(
          runId, status, startedAt, config, corpus, featurized != null, documents,
          new RunRecord.Model(featuresDescription, config.cluster().algorithm(), chosenK, null),
          metrics, progress.secondsPerStage(), Versions.current(spark.version()), error);
    }

    private String describeFeatures(int vocabulary) {
      var f = config.features();
      if (numericFeatures()) {
        return "columns(" + String.join(", ", f.columns()) + ")";
      }
      StringBuilder d = new StringBuilder("tfidf(language=" + config.text().language() + ", vocabulary=" + f.vocabulary());
      d.append(vocabulary > 0 ? ", terms=" + vocabulary : ", buckets=" + f.hashingBuckets());
      if (f.lsaEnabled()) {
        d.append(", lsa=").append(f.lsaDimensions());
      }
      return d.append(")").toString();
    }

    private boolean numericFeatures() {
      return config.features().type().equals(FeaturesConfig.COLUMNS);
    }

    private List<String> numericColumns() {
      return numericFeatures() ? config.features().columns() : List.of();
    }

    private void deleteModel() {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(modelPath());
      try {
        path.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(path);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("Cannot remove the failed run's model at " + path, e);
      }
    }

    private String modelPath() {
      return config.output().tablePath(LakeTables.MODELS) + "/" + runId;
    }

    private static Optional<String[]> vocabulary(PipelineModel model) {
      for (Transformer stage : model.stages()) {
        if (stage instanceof CountVectorizerModel cv) {
          return Optional.of(cv.vocabulary());
        }
      }
      return Optional.empty();
    }

    private void release() {
      if (driverMemory != null) {
        driverMemory.close();
      }
      if (assigned != null) {
        assigned.unpersist();
      }
      if (featurized != null) {
        featurized.unpersist();
      }
      if (distances != null) {
        distances.close();
      }
      if (corpus != null) {
        corpus.release();
      }
    }
  }
}
