package io.textcluster.features;

import static io.textcluster.schema.Columns.FEATURES;
import static io.textcluster.schema.Columns.TFIDF;
import static io.textcluster.schema.Columns.TOKENS;
import io.textcluster.config.FeaturesConfig;
import io.textcluster.config.TextConfig;
import io.textcluster.text.TextAnalyzer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.Normalizer;

/**
 * The TF-IDF feature stages: text -> terms (language-aware) -> L2-normalised TF-IDF vectors over a learned vocabulary
 * (or feature hashing, then IDF and normalisation) (so cosine and euclidean k-means agree on what "near" means), optionally LSA, then the
 * documents without any vocabulary term dropped.
 */
public final class TfidfFeatures {
  public static final String TERM_COUNTS = "term_counts";

  private TfidfFeatures() {}

  public static List<PipelineStage> stages(String textCol, TextConfig text, FeaturesConfig features) {
    List<PipelineStage> stages = new ArrayList<>();
    stages.add(
        new TextAnalyzer()
            .setInputCol(textCol)
            .setOutputCol(TOKENS)
            .setLanguage(text.language())
            .setColumnLanguages(text.columnLanguages())
            .setStopwords(text.stopwords())
            .setStemming(text.stemming())
            .setCleanMarkup(text.cleanMarkup())
            .setMaxChars(text.maxChars()));
    if (features.vocabulary().equals(FeaturesConfig.HASHING_VOCABULARY)) {
      stages.add(
          new HashingTF()
              .setInputCol(TOKENS)
              .setOutputCol(TERM_COUNTS)
              .setNumFeatures(features.hashingBuckets()));
      stages.add(new IDF().setInputCol(TERM_COUNTS).setOutputCol(TFIDF).setMinDocFreq(minDocCount(features)));
      stages.add(new Normalizer().setInputCol(TFIDF).setOutputCol(features.lsaEnabled() ? "tfidf_l2" : FEATURES)
          .setP(2.0));
    } else {
      // Vocabulary, IDF and unit length in one stage (CountVectorizer + IDF + Normalizer read the corpus three times).
      stages.add(
          new TfidfVectorizer()
              .setInputCol(TOKENS)
              .setOutputCol(features.lsaEnabled() ? TFIDF : FEATURES)
              .setVocabSize(features.vocabularySize())
              .setMinDF(features.minDocFreq())
              .setMaxDF(features.maxDocFreq()));
    }
    if (features.lsaEnabled()) {
      String unit = features.vocabulary().equals(FeaturesConfig.HASHING_VOCABULARY) ? "tfidf_l2" : TFIDF;
      stages.add(new LsaReducer().setInputCol(unit).setOutputCol("lsa").setDimensions(features.lsaDimensions()));
      stages.add(new Normalizer().setInputCol("lsa").setOutputCol(FEATURES).setP(2.0));
    }
    // A document with no vocabulary term has a zero vector: no direction, so no cluster.
    stages.add(new DropEmptyVectors().setInputCol(FEATURES));
    return stages;
  }

  /** Feature hashing has no vocabulary to prune, so the document-frequency floor moves into IDF. */
  private static int minDocCount(FeaturesConfig features) {
    return features.minDocFreq() >= 1 ? (int) features.minDocFreq() : 0;
  }

  /**
   * Both document-frequency bounds must be able to hold on {@code documents} documents (counts >= 1, fractions < 1):
   * on a small corpus the defaults (at least 5 documents, at most half of them) cannot, and MLlib's "maxDF must be
   * >= minDF" names no key. Checked before fitting, naming both keys.
   */
  public static void requireFeasibleBounds(FeaturesConfig features, long documents) {
    if (features.vocabulary().equals(FeaturesConfig.HASHING_VOCABULARY)) {
      return;
    }
    double min = features.minDocFreq() >= 1 ? features.minDocFreq() : features.minDocFreq() * documents;
    double max = features.maxDocFreq() >= 1 ? features.maxDocFreq() : features.maxDocFreq() * documents;
    if (max < min) {
      throw new io.textcluster.config.TextClusterException(String.format(java.util.Locale.ROOT,
          "On %,d documents, 'features.tfidf.min-doc-freq' = %s (%.1f documents) is above "
              + "'features.tfidf.max-doc-freq' = %s (%.1f documents): no term can be in both bounds. For a corpus "
              + "this small set features.tfidf.min-doc-freq = 1 (or raise max-doc-freq).",
          documents, plain(features.minDocFreq()), min, plain(features.maxDocFreq()), max));
    }
  }

  /**
   * Turns MLlib's empty-vocabulary failure into a message naming what decides the vocabulary; returns other
   * failures unchanged.
   */
  public static RuntimeException explainEmptyVocabulary(
      RuntimeException failure, java.util.List<String> textColumns, long documents) {
    String message = String.valueOf(failure.getMessage());
    if (!message.contains("vocabulary size should be > 0") && !message.contains("empty vocabulary")
        && !message.contains("the vocabulary is empty")) {
      return failure;
    }
    return emptyVocabulary(textColumns, documents, failure);
  }

  public static io.textcluster.config.TextClusterException emptyVocabulary(
      java.util.List<String> textColumns, long documents, Throwable cause) {
    return new io.textcluster.config.TextClusterException(String.format(java.util.Locale.ROOT,
        "No term is left to cluster on in %,d documents of %s: after text analysis they hold no word (only numbers, "
            + "stopwords or markup?) or none passes the document-frequency bounds. Check 'input.text-columns', "
            + "'text.language' and 'text.stopwords', and lower 'features.tfidf.min-doc-freq'.",
        documents, textColumns), cause);
  }

  private static String plain(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  /** The runs table's features column: the analysis language, vocabulary kind and size, LSA; or the numeric columns. */
  public static String describe(FeaturesConfig f, String language, int vocabulary) {
    if (f.type().equals(FeaturesConfig.COLUMNS)) {
      return "columns(" + String.join(", ", f.columns()) + ")";
    }
    StringBuilder d = new StringBuilder("tfidf(language=" + language + ", vocabulary=" + f.vocabulary());
    d.append(vocabulary > 0 ? ", terms=" + vocabulary : ", buckets=" + f.hashingBuckets());
    if (f.lsaEnabled()) {
      d.append(", lsa=").append(f.lsaDimensions());
    }
    return d.append(")").toString();
  }
}
