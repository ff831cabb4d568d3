package io.textcluster.features;

import io.textcluster.config.FeaturesConfig;
import io.textcluster.config.TextConfig;
import io.textcluster.text.TextAnalyzer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.Normalizer;

/**
 * The TF-IDF feature stages: text -> terms (language-aware) -> term counts (a learned vocabulary, or feature hashing)
 * -> IDF -> L2 normalisation (so cosine and euclidean k-means agree on what "near" means), optionally LSA, then the
 * documents without any vocabulary term dropped.
 */
public final class TfidfFeatures {
  public static final String TOKENS = "tokens";
  public static final String TERM_COUNTS = "term_counts";
  public static final String TFIDF = "tfidf";
  public static final String FEATURES = "features";

  private TfidfFeatures() {}

  public static List<PipelineStage> stages(String textCol, TextConfig text, FeaturesConfig features) {
    List<PipelineStage> stages = new ArrayList<>();
    stages.add(
        new TextAnalyzer()
            .setInputCol(textCol)
            .setOutputCol(TOKENS)
            .setLanguage(text.language())
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
    } else {
      stages.add(
          new CountVectorizer()
              .setInputCol(TOKENS)
              .setOutputCol(TERM_COUNTS)
              .setVocabSize(features.vocabularySize())
              .setMinDF(features.minDocFreq())
              .setMaxDF(features.maxDocFreq()));
      stages.add(new IDF().setInputCol(TERM_COUNTS).setOutputCol(TFIDF));
    }
    if (features.lsaEnabled()) {
      stages.add(new Normalizer().setInputCol(TFIDF).setOutputCol("tfidf_l2").setP(2.0));
      stages.add(new LsaReducer().setInputCol("tfidf_l2").setOutputCol("lsa").setDimensions(features.lsaDimensions()));
      stages.add(new Normalizer().setInputCol("lsa").setOutputCol(FEATURES).setP(2.0));
    } else {
      stages.add(new Normalizer().setInputCol(TFIDF).setOutputCol(FEATURES).setP(2.0));
    }
    // A document with no vocabulary term has a zero vector: no direction, so no cluster.
    stages.add(new DropEmptyVectors().setInputCol(FEATURES));
    return stages;
  }

  /** Feature hashing has no vocabulary to prune, so the document-frequency floor moves into IDF. */
  private static int minDocCount(FeaturesConfig features) {
    return features.minDocFreq() >= 1 ? (int) features.minDocFreq() : 0;
  }
}
