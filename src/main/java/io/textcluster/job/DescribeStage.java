package io.textcluster.job;

import io.textcluster.describe.ClusterSummary;
import io.textcluster.cluster.CentreDistances;
import io.textcluster.cluster.ClusterNames;
import io.textcluster.cluster.FittedClustering;
import io.textcluster.config.DescribeConfig;
import io.textcluster.config.Environment;
import io.textcluster.config.FeaturesConfig;
import io.textcluster.config.JobConfig;
import io.textcluster.config.NamingConfig;
import io.textcluster.describe.ClusterBreakdown;
import io.textcluster.describe.ClusterDocuments;
import io.textcluster.describe.KeywordSelection;
import io.textcluster.describe.ClusterStatistics;
import io.textcluster.describe.Keyword;
import io.textcluster.describe.LabelVocabulary;
import io.textcluster.describe.LlmClusterNamer;
import io.textcluster.describe.NamingCache;
import io.textcluster.describe.Representative;
import io.textcluster.describe.VocabularyLabels;
import io.textcluster.evaluate.InternalMetrics;
import io.textcluster.evaluate.LabelContingency;
import io.textcluster.io.Corpus;
import io.textcluster.io.LakeTables;
import io.textcluster.schema.Columns;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import io.textcluster.features.TfidfModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The describe stage of a run: what each cluster is about, from its documents and the fitted features. */
final class DescribeStage {
  private static final int NAME_KEYWORDS = 3;
  private static final int NOISE = -1;
  private static final String NOISE_NAME = "noise";

  /**
   * The clusters described, the label contingency when the corpus has labels, the geometry metrics (SSE to the
   * cluster means, Calinski-Harabasz, Davies-Bouldin) from the same aggregates, and the LLM naming's counts.
   */
  record Described(
      List<ClusterSummary> clusters,
      LabelContingency contingency,
      Map<String, Double> geometry,
      Map<String, Double> namingMetrics) {}

  private final SparkSession spark;
  private final JobConfig config;
  private final PrintStream console;
  private final Map<String, Double> namingMetrics = new LinkedHashMap<>();

  DescribeStage(SparkSession spark, JobConfig config, PrintStream console) {
    this.spark = spark;
    this.config = config;
    this.console = console;
  }

  /** Describes the clusters a run's cluster stage made; squared errors by the clustering models' own kernel. */
  Described describe(Clustered clustered) {
    try (CentreDistances errors =
        new CentreDistances(spark, clustered.fit().centres(), config.cluster().distance())) {
      Featurized features = clustered.features();
      return describe(clustered.assigned(), errors.squaredError(Columns.FEATURES, Columns.CLUSTER_ID),
          features.corpus(), features.count(), features.model(), clustered.fit());
    }
  }

  /**
   * Describes the clusters of {@code assigned} from a fixed number of shared scans, whatever k is: one aggregation by
   * cluster (sizes, squared errors, feature means, numeric columns), one stacked aggregation by cluster and key
   * (spread around the means, labels, categorical values), one window pass (representatives and samples) and the
   * keywords' term counts.
   *
   * @param squaredError each document's squared error to its centre, computed inside the first aggregation
   */
  private Described describe(
      Dataset<Row> assigned,
      Column squaredError,
      Corpus corpus,
      long documents,
      PipelineModel featureModel,
      FittedClustering clustering) {
    DescribeConfig settings = config.describe();
    Map<Integer, ClusterStatistics.Stats> stats =
        ClusterStatistics.compute(assigned, Columns.CLUSTER_ID, squaredError, corpus.keptColumns(), Columns.FEATURES);
    Map<Integer, Long> sizes = new TreeMap<>();
    Map<Integer, Vector> means = new TreeMap<>();
    stats.values().forEach(s -> {
      sizes.put(s.clusterId(), s.size());
      // Noise (cluster_id -1) has no centre: it is left out of the geometry, as scikit-learn scores clusters only.
      if (s.clusterId() >= 0) {
        means.put(s.clusterId(), s.featureMean());
      }
    });
    Vector[] meansById = new Vector[means.isEmpty() ? 0 : ((TreeMap<Integer, Vector>) means).lastKey() + 1];
    means.forEach((id, mean) -> meansById[id] = mean);
    ClusterBreakdown.Result breakdown =
        ClusterBreakdown.compute(assigned, Columns.CLUSTER_ID, Columns.FEATURES, meansById,
            corpus.hasLabel() ? Columns.LABEL : null, corpus.keptColumns(), settings.topValues());
    ClusterDocuments.Result shown =
        ClusterDocuments.select(assigned, corpus.documents(), Columns.CLUSTER_ID, Columns.DOC_ID, Columns.TEXT,
            Columns.DISTANCE, settings.representatives(), settings.samples(), settings.snippetChars(), settings.sampleSeed());
    Map<Integer, List<Keyword>> keywords =
        config.features().type().equals(FeaturesConfig.COLUMNS)
            ? Map.of()
            : KeywordSelection.top(spark, assigned, Columns.CLUSTER_ID, Columns.TOKENS, vocabulary(featureModel),
                stats.size(), config);
    Map<Integer, List<Keyword>> vocabularyLabels = vocabularyLabels(assigned, featureModel, clustering);
    LabelContingency labels = corpus.hasLabel() ? LabelContingency.of(breakdown.labelCounts()) : null;
    Map<Integer, String> names = name(stats.keySet(), keywords, shown.samples(), shown.representatives());
    // Density methods' noise (cluster_id -1) is a row of its own, named as what it is.
    names.computeIfPresent(NOISE, (id, name) -> NOISE_NAME);
    // issue 22: a seed or zero-shot topic's name wins for the cluster that grew from it.
    ClusterNames.of(clustering.model()).forEach((id, name) -> names.computeIfPresent(id, (i, given) -> name));
    List<ClusterSummary> clusters = new ArrayList<>();
    for (ClusterStatistics.Stats s : stats.values()) {
      int id = s.clusterId();
      clusters.add(
          new ClusterSummary(
              id,
              s.size(),
              (double) s.size() / documents,
              names.get(id),
              keywords.getOrDefault(id, List.of()),
              shown.representatives().getOrDefault(id, List.of()),
              s.means(),
              labels == null ? null : labels.labelCounts(id),
              labels == null ? null : labels.majorityLabel(id),
              s.squaredError(),
              shown.samples().getOrDefault(id, List.of()),
              s.numeric(),
              breakdown.topValues().getOrDefault(id, Map.of()),
              vocabularyLabels.getOrDefault(id, List.of()),
              clustering.parents().get(id)));
    }
    Map<String, Double> geometry = InternalMetrics.fromAggregates(sizes, means, breakdown.spread());
    return new Described(List.copyOf(clusters), labels, Map.copyOf(geometry), Map.copyOf(namingMetrics));
  }

  /**
   * Seed 002's labels need TF-IDF weights and dense vectors: LSA runs have both; embedding runs have only the
   * vectors, so their weights are fitted on the analysed terms here.
   */
  private Map<Integer, List<Keyword>> vocabularyLabels(
      Dataset<Row> assigned, PipelineModel featureModel, FittedClustering clustering) {
    int perCluster = config.describe().vocabularyLabels();
    FeaturesConfig f = config.features();
    if (f.lsaEnabled() && vocabulary(featureModel).isPresent()) {
      return VocabularyLabels.top(spark, assigned, Columns.TFIDF, Columns.FEATURES,
          vocabulary(featureModel).get(), clustering.centres(), perCluster);
    }
    if (f.type().equals(FeaturesConfig.EMBEDDING) && perCluster > 0) {
      LabelVocabulary terms = LabelVocabulary.fit(assigned, Columns.TOKENS,
          config.describe().labelVocabularySize(), f.minDocFreq(), f.maxDocFreq());
      return VocabularyLabels.top(spark, terms.weighted(), LabelVocabulary.WEIGHTS, Columns.FEATURES,
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

  static Optional<String[]> vocabulary(PipelineModel model) {
    for (Transformer stage : model.stages()) {
      if (stage instanceof TfidfModel tfidf) {
        return Optional.of(tfidf.vocabulary());
      }
      // Models saved before TfidfVectorizer replaced CountVectorizer + IDF still load and describe.
      if (stage instanceof CountVectorizerModel cv) {
        return Optional.of(cv.vocabulary());
      }
    }
    return Optional.empty();
  }
}
