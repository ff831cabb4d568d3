package io.textcluster.job;

import static io.textcluster.job.StageProgress.count;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import io.textcluster.cluster.CentreDistances;
import io.textcluster.cluster.ClusteringMethods;
import io.textcluster.cluster.FittedClustering;
import io.textcluster.cluster.GaussianMixtureClustering;
import io.textcluster.cluster.KMeansClustering;
import io.textcluster.config.FeaturesConfig;
import io.textcluster.config.JobConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.describe.ClusterKeywords;
import io.textcluster.describe.ClusterRepresentatives;
import io.textcluster.describe.ClusterStatistics;
import io.textcluster.describe.Keyword;
import io.textcluster.describe.Representative;
import io.textcluster.evaluate.InternalMetrics;
import io.textcluster.evaluate.LabelContingency;
import io.textcluster.features.NumericFeatures;
import io.textcluster.features.TfidfFeatures;
import io.textcluster.io.Corpus;
import io.textcluster.io.CorpusReader;
import io.textcluster.io.LakeTables;
import io.textcluster.io.LakeWriter;
import io.textcluster.job.StageProgress.Outcome;
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
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * The one place that orchestrates a run: read the corpus, build features, cluster, describe and evaluate the clusters,
 * and write assignments, clusters and the run's record to the lake. A run either lands completely or leaves no rows
 * in assignments/clusters and a runs row marked failed.
 */
public final class TextClusteringJob {
  private static final int NAME_KEYWORDS = 3;

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

    Execution(SparkSession spark, JobConfig config, String runId, PrintStream console) {
      this.spark = spark;
      this.config = config;
      this.runId = runId;
      this.console = console;
      this.lake = new LakeWriter(spark, config.output());
      this.progress = new StageProgress(console, spark.sparkContext(), runId);
    }

    RunResult run() {
      console.printf("[textcluster] run %s -> %s%n", runId, config.output().path());
      lake.replaceRun(LakeTables.RUNS, runId, RunsTable.row(spark, record(RunRecord.RUNNING, Map.of(), null)), false);
      try {
        return execute();
      } catch (RuntimeException failure) {
        recordFailure(failure);
        throw failure;
      } finally {
        release();
      }
    }

    private RunResult execute() {
      corpus =
          progress.run(
              "read",
              "reading " + config.input().describe(),
              () -> {
                Corpus c = new CorpusReader(spark).read(config.input(), numericColumns());
                return new Outcome<>(
                    c,
                    count(c.rowsRead()) + " rows, " + count(c.emptyTextRows()) + " with empty text dropped, "
                        + count(c.documentCount()) + " documents");
              });
      PipelineModel featureModel = progress.run("features", "analysing text and building TF-IDF", this::buildFeatures);
      FittedClustering clustering =
          progress.run(
              "cluster", config.cluster().algorithm() + " with k = " + config.cluster().k(), this::cluster);
      List<ClusterSummary> clusters = progress.run("describe", "keywords, representatives, statistics",
          () -> describe(featureModel, clustering));
      Map<String, Double> metrics = progress.run("evaluate", "metrics", () -> evaluate(clusters, clustering));
      progress.run(
          "write", "writing tables to " + config.output().path(), () -> write(featureModel, clustering, clusters));
      lake.replaceRun(
          LakeTables.RUNS, runId, RunsTable.row(spark, record(RunRecord.SUCCEEDED, metrics, null)), false);
      ConsoleSummary.print(console, runId, clusters, metrics, config.output().path());
      return new RunResult(
          runId,
          documents,
          metrics,
          clusters.stream().map(ClusterSummary::name).collect(Collectors.toList()),
          config.output().path());
    }

    private Outcome<PipelineModel> buildFeatures() {
      List<PipelineStage> stages =
          numericFeatures()
              ? NumericFeatures.stages(corpus.documents(), config.features())
              : TfidfFeatures.stages(Corpus.TEXT, config.text(), config.features());
      PipelineModel model = new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(corpus.documents());
      // A document whose terms are all outside the vocabulary has a zero vector: no direction, so no cluster.
      // (A numeric row of zeros is a legitimate point.)
      Column hasTerms =
          numericFeatures()
              ? lit(true)
              : udf((UDF1<Vector, Boolean>) v -> v.numNonzeros() > 0, DataTypes.BooleanType)
                  .apply(col(TfidfFeatures.FEATURES));
      featurized =
          model.transform(corpus.documents()).filter(hasTerms).persist(StorageLevel.MEMORY_AND_DISK());
      documents = featurized.count();
      long withoutTerms = corpus.documentCount() - documents;
      int vocabulary = vocabulary(model).map(v -> v.length).orElse(0);
      featuresDescription = describeFeatures(vocabulary);
      if (documents < config.cluster().k()) {
        throw new TextClusterException(
            "cluster.k = " + config.cluster().k() + " but only " + documents + " documents have terms to cluster; "
                + "lower 'cluster.k' (or 'features.tfidf.min-doc-freq').");
      }
      return new Outcome<>(
          model,
          count(documents) + " documents, " + (vocabulary > 0 ? count(vocabulary) + " terms, " : "")
              + count(withoutTerms) + " without any vocabulary term dropped");
    }

    private Outcome<FittedClustering> cluster() {
      FittedClustering fit =
          ClusteringMethods.forConfig(config.cluster()).fit(featurized, TfidfFeatures.FEATURES);
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
              config.describe().keywords());
      Map<Integer, List<Representative>> representatives =
          ClusterRepresentatives.nearest(
              assigned,
              KMeansClustering.CLUSTER_ID,
              Corpus.DOC_ID,
              Corpus.TEXT,
              CentreDistances.DISTANCE,
              config.describe().representatives(),
              config.describe().snippetChars());
      Map<Integer, ClusterStatistics.Stats> stats =
          ClusterStatistics.compute(
              assigned, KMeansClustering.CLUSTER_ID, CentreDistances.SQUARED_ERROR, corpus.keptColumns());
      LabelContingency labels =
          corpus.hasLabel() ? LabelContingency.compute(assigned, Corpus.LABEL, KMeansClustering.CLUSTER_ID) : null;
      List<ClusterSummary> clusters = new ArrayList<>();
      for (ClusterStatistics.Stats s : stats.values()) {
        List<Keyword> terms = keywords.getOrDefault(s.clusterId(), List.of());
        clusters.add(
            new ClusterSummary(
                s.clusterId(),
                s.size(),
                (double) s.size() / documents,
                terms.stream().limit(NAME_KEYWORDS).map(Keyword::term).collect(Collectors.joining(" / ")),
                terms,
                representatives.getOrDefault(s.clusterId(), List.of()),
                s.means(),
                labels == null ? null : labels.labelCounts(s.clusterId()),
                labels == null ? null : labels.majorityLabel(s.clusterId()),
                s.squaredError(),
                clustering.parents().get(s.clusterId())));
      }
      contingency = labels;
      return new Outcome<>(clusters, clusters.size() + " clusters described");
    }

    private Outcome<Map<String, Double>> evaluate(List<ClusterSummary> clusters, FittedClustering clustering) {
      Map<String, Double> metrics = new LinkedHashMap<>(clustering.metrics());
      metrics.put("within_cluster_sse", clusters.stream().mapToDouble(ClusterSummary::squaredError).sum());
      if (config.evaluate().silhouette()) {
        metrics.put(
            "silhouette_cosine",
            InternalMetrics.cosineSilhouette(assigned, TfidfFeatures.FEATURES, KMeansClustering.CLUSTER_ID));
      }
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
      if (corpus.hasLabel()) {
        columns.add(col(Corpus.LABEL));
      }
      corpus.keptColumns().forEach(c -> columns.add(col("`" + c + "`")));
      lake.replaceRun(LakeTables.ASSIGNMENTS, runId, assigned.select(columns.toArray(Column[]::new)), true);
      lake.replaceRun(LakeTables.CLUSTERS, runId, ClustersTable.rows(spark, runId, clusters), true);
      return new Outcome<>(null, count(documents) + " assignments, " + clusters.size() + " clusters written");
    }

    private void recordFailure(RuntimeException failure) {
      try {
        deleteModel();
        lake.deleteRun(LakeTables.ASSIGNMENTS, runId);
        lake.deleteRun(LakeTables.CLUSTERS, runId);
        lake.replaceRun(
            LakeTables.RUNS,
            runId,
            RunsTable.row(spark, record(RunRecord.FAILED, Map.of(), String.valueOf(failure.getMessage()))),
            false);
      } catch (RuntimeException cleanup) {
        failure.addSuppressed(cleanup);
      }
    }

    private RunRecord record(String status, Map<String, Double> metrics, String error) {
      boolean finished = !status.equals(RunRecord.RUNNING);
      return new RunRecord(
          runId,
          status,
          startedAt,
          finished ? new Timestamp(System.currentTimeMillis()) : null,
          config.redactedJson(),
          config.input().describe(),
          config.input().format(),
          corpus == null ? null : corpus.inputVersion().orElse(null),
          corpus == null ? 0 : corpus.rowsRead(),
          corpus == null ? 0 : corpus.emptyTextRows(),
          corpus == null || featurized == null ? 0 : corpus.documentCount() - documents,
          documents,
          featuresDescription,
          config.cluster().algorithm(),
          config.cluster().k(),
          metrics,
          progress.secondsPerStage(),
          Versions.current(spark.version()),
          error);
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
        path.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(path, true);
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
