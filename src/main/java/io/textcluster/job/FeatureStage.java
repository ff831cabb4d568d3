package io.textcluster.job;

import static io.textcluster.instrument.StageProgress.count;

import io.textcluster.config.FeaturesConfig;
import io.textcluster.config.JobConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.features.AnalysedPipeline;
import io.textcluster.features.EmbeddedDocuments;
import io.textcluster.features.NumericFeatures;
import io.textcluster.features.TfidfFeatures;
import io.textcluster.instrument.StageProgress.Outcome;
import io.textcluster.io.Corpus;
import io.textcluster.schema.Columns;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/** The features stage of a run: TF-IDF (optionally LSA), embeddings or numeric columns, fitted on the corpus. */
final class FeatureStage {
  private static final String EMBEDDING_CACHE = "embedding_cache";

  private final SparkSession spark;
  private final JobConfig config;

  FeatureStage(SparkSession spark, JobConfig config) {
    this.spark = spark;
    this.config = config;
  }

  static boolean numeric(JobConfig config) {
    return config.features().type().equals(FeaturesConfig.COLUMNS);
  }

  Outcome<Featurized> build(Corpus corpus) {
    return config.features().type().equals(FeaturesConfig.EMBEDDING) ? embeddings(corpus) : weights(corpus);
  }

  /** TF-IDF stages end by dropping documents without any vocabulary term (a numeric row of zeros is a point). */
  private Outcome<Featurized> weights(Corpus corpus) {
    boolean numeric = numeric(config);
    List<PipelineStage> stages =
        numeric
            ? NumericFeatures.stages(corpus.documents(), config.features())
            : TfidfFeatures.stages(Columns.TEXT, config.text(), config.features());
    if (!numeric) {
      TfidfFeatures.requireFeasibleBounds(config.features(), corpus.documentCount());
    }
    AnalysedPipeline fitted;
    try {
      fitted = AnalysedPipeline.fit(stages, corpus.documents(), Set.of(Columns.TEXT));
    } catch (IllegalArgumentException e) {
      throw TfidfFeatures.explainEmptyVocabulary(e, config.input().textColumns(), corpus.documentCount());
    }
    PipelineModel model = fitted.model();
    Dataset<Row> documents;
    long count;
    try (fitted) {
      documents = fitted.transformed().persist(StorageLevel.MEMORY_AND_DISK());
      count = documents.count();
    }
    if (count == 0) {
      documents.unpersist();
      throw TfidfFeatures.emptyVocabulary(config.input().textColumns(), corpus.documentCount(), null);
    }
    int vocabulary = DescribeStage.vocabulary(model).map(v -> v.length).orElse(0);
    String description = TfidfFeatures.describe(config.features(), config.text().language(), vocabulary);
    Featurized featurized = new Featurized(corpus, documents, count, model, description, Map.of());
    requireEnoughDistinctDocuments(featurized);
    return new Outcome<>(
        featurized,
        count(count) + " documents, " + (vocabulary > 0 ? count(vocabulary) + " terms, " : "")
            + count(corpus.documentCount() - count) + " without any vocabulary term dropped");
  }

  /** Embedding vectors (from the cache where it has them); tokens still come from text analysis, for keywords. */
  private Outcome<Featurized> embeddings(Corpus corpus) {
    EmbeddedDocuments embedded =
        EmbeddedDocuments.embed(
            spark, corpus.documents(), Columns.DOC_ID, Columns.TEXT, config.text(), config.features().embedding(),
            config.output().tablePath(EMBEDDING_CACHE));
    // The raw text stays in the corpus's cache only (describe and the map read the few they show from there).
    Dataset<Row> documents = embedded.featurized().drop(Columns.TEXT).persist(StorageLevel.MEMORY_AND_DISK());
    Featurized featurized =
        new Featurized(corpus, documents, documents.count(), embedded.model(), embedded.description(),
            Map.copyOf(embedded.metrics()));
    requireEnoughDistinctDocuments(featurized);
    return new Outcome<>(featurized, count(featurized.count()) + " documents, " + embedded.summary());
  }

  /**
   * k-means cannot make more clusters than there are distinct points: documents with the same feature vector (the
   * same text, or the same terms in another order) are one point to it. Counting distinct vectors costs a shuffle,
   * so it is only done when the corpus is small enough for the question to matter. A corpus that fails the check
   * releases its cached documents here, as the run never sees them.
   */
  private void requireEnoughDistinctDocuments(Featurized featurized) {
    int k = config.cluster().k();
    long documents = featurized.count();
    long distinct = documents;
    // Numeric-column corpora have no text to compare; their document count stands.
    if (documents <= 1000L * k && !numeric(config)) {
      distinct = featurized.documents().select(Columns.FEATURES).distinct().count();
    }
    if (distinct < k) {
      featurized.documents().unpersist();
      throw new TextClusterException(
          "cluster.k = " + k + " but only " + distinct + " distinct documents (by their terms) to cluster; lower "
              + "'cluster.k' (or 'features.tfidf.min-doc-freq').");
    }
  }
}
