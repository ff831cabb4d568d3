package io.textcluster.describe;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The TF-IDF weights {@link VocabularyLabels} needs, for runs whose features carry none (document embeddings): a
 * vocabulary of the analysed terms (Kuromoji lemmas for Japanese, stems or words elsewhere) and each document's
 * L2-normalised TF-IDF vector over it, as seed 002's {@code TfidfVectorizer} gives. Fitted here, in the describe
 * stage, so the saved feature model stays what assigns new documents; CountVectorizer and IDF fit with Spark
 * aggregations, and only the vocabulary (at most {@code size} terms) reaches the driver.
 *
 * @param weighted the documents with {@link #WEIGHTS} added (lazy: nothing is computed until labels are ranked)
 * @param terms the vocabulary; index i of a weights vector is {@code terms[i]}
 */
public record LabelVocabulary(Dataset<Row> weighted, String[] terms) {
  public static final String WEIGHTS = "label_tfidf";
  private static final String COUNTS = "label_term_counts";
  private static final String IDF_WEIGHTS = "label_tfidf_raw";

  /**
   * @param size most frequent terms kept (describe.label-vocabulary-size)
   * @param minDocFreq a term must be in at least this many documents (>= 1) or this fraction of them (< 1)
   * @param maxDocFreq a term in more than this fraction (<= 1) or count (> 1) of the documents is too common to label
   *     anything
   */
  public static LabelVocabulary fit(
      Dataset<Row> documents, String tokensCol, int size, double minDocFreq, double maxDocFreq) {
    PipelineStage[] stages = {
      new CountVectorizer()
          .setInputCol(tokensCol)
          .setOutputCol(COUNTS)
          .setVocabSize(size)
          .setMinDF(minDocFreq)
          .setMaxDF(maxDocFreq),
      new IDF().setInputCol(COUNTS).setOutputCol(IDF_WEIGHTS),
      new Normalizer().setInputCol(IDF_WEIGHTS).setOutputCol(WEIGHTS).setP(2.0)
    };
    PipelineModel model;
    try {
      model = new Pipeline().setStages(stages).fit(documents);
    } catch (IllegalArgumentException noTermLeft) {
      // CountVectorizer refuses an empty vocabulary (a tiny corpus where no term reaches min-doc-freq): no labels,
      // which is what the clusters table then shows, rather than a failed run.
      return new LabelVocabulary(documents, new String[0]);
    }
    String[] terms = ((CountVectorizerModel) model.stages()[0]).vocabulary();
    return new LabelVocabulary(model.transform(documents).drop(COUNTS, IDF_WEIGHTS), terms);
  }
}
