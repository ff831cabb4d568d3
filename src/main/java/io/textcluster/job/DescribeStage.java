package io.textcluster.job;

import static org.apache.spark.sql.functions.col;

import io.textcluster.cluster.CentreDistances;
import io.textcluster.cluster.FittedClustering;
import io.textcluster.cluster.KMeansClustering;
import io.textcluster.config.Environment;
import io.textcluster.config.FeaturesConfig;
import io.textcluster.config.JobConfig;
import io.textcluster.config.NamingConfig;
import io.textcluster.describe.KeywordSelection;
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
import io.textcluster.evaluate.LabelContingency;
import io.textcluster.features.TfidfFeatures;
import io.textcluster.io.Corpus;
import io.textcluster.io.LakeTables;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The describe stage of a run: what each cluster is about, from its documents and the fitted features. */
final class DescribeStage {
  private static final int NAME_KEYWORDS = 3;
  private static final int NOISE = -1;
  private static final String NOISE_NAME = "noise";

  /** The clusters described, the label contingency when the corpus has labels, and the LLM naming's counts. */
  record Described(List<ClusterSummary> clusters, LabelContingency contingency, Map<String, Double> namingMetrics) {}

  private final SparkSession spark;
  private final JobConfig config;
  private final PrintStream console;
  private final Map<String, Double> namingMetrics = new LinkedHashMap<>();

  DescribeStage(SparkSession spark, JobConfig config, PrintStream console) {
    this.spark = spark;
    this.config = config;
    this.console = console;
  }

/** Describes the clusters of {@code assigned}: keywords, representatives, samples, statistics, labels, names. */
Described describe(
    Dataset<Row> assigned, Corpus corpus, long documents, PipelineModel featureModel, FittedClustering clustering) {
    Map<Integer, List<Keyword>> keywords =
        config.features().type().equals(FeaturesConfig.COLUMNS)
            ? Map.of()
            : KeywordSelection.top( // issue 22: template words, boilerplate and diversity
            spark,
            assigned,
            KMeansClustering.CLUSTER_ID,
            TfidfFeatures.TOKENS,
            vocabulary(featureModel),
            config);
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
    Map<Integer, List<Keyword>> vocabularyLabels = vocabularyLabels(assigned, featureModel, clustering);
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
    return new Described(clusters, labels, namingMetrics);
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

  static Optional<String[]> vocabulary(PipelineModel model) {
    for (Transformer stage : model.stages()) {
      if (stage instanceof CountVectorizerModel cv) {
        return Optional.of(cv.vocabulary());
      }
    }
    return Optional.empty();
  }
}
