package io.textcluster.features;

import io.textcluster.config.TextClusterException;
import io.textcluster.text.TextAnalyzer;
import java.util.Locale;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Fits a pipeline as {@link org.apache.spark.ml.Pipeline#fit} does, but keeps the text analyzer's output: Spark's
 * Pipeline re-runs every earlier stage for each estimator it fits, so the vocabulary, the IDF and the final transform
 * would each analyse every document again (three Lucene passes over the corpus; on a million documents, analysis is
 * most of the features stage). Here the analysed rows are persisted once and every later stage reads them.
 */
public final class AnalysedPipeline implements AutoCloseable {
  private final PipelineModel model;
  private final Dataset<Row> transformed;
  private final List<Dataset<Row>> persisted;

  private AnalysedPipeline(PipelineModel model, Dataset<Row> transformed, List<Dataset<Row>> persisted) {
    this.model = model;
    this.transformed = transformed;
    this.persisted = persisted;
  }

  public static AnalysedPipeline fit(List<PipelineStage> stages, Dataset<Row> data) {
    return fit(stages, data, Set.of());
  }

  /**
   * As {@link #fit(List, Dataset)}, with {@code notCached} (columns no stage after the analysis reads, which the caller
   * keeps elsewhere: the raw text, in the corpus's own cache) left out of the persisted analysis and of {@link
   * #transformed()}. Issue 20: on a million documents the text was cached three times over (corpus, analysis,
   * featurized documents) and the caches spilled to disk.
   */
  public static AnalysedPipeline fit(List<PipelineStage> stages, Dataset<Row> data, Set<String> notCached) {
    List<Transformer> fitted = new ArrayList<>();
    List<Dataset<Row>> persisted = new ArrayList<>();
    Dataset<Row> current = data;
    try {
      for (PipelineStage stage : stages) {
        Transformer transformer =
            stage instanceof Estimator<?> estimator ? (Transformer) estimator.fit(current) : (Transformer) stage;
        requireVocabulary(transformer);
        fitted.add(transformer);
        current = transformer.transform(current);
        if (stage instanceof TextAnalyzer) {
          current = current.drop(notCached.toArray(String[]::new)).persist(StorageLevel.MEMORY_AND_DISK());
          persisted.add(current);
        }
      }
    } catch (RuntimeException failure) {
      persisted.forEach(Dataset::unpersist);
      throw failure;
    }
    return new AnalysedPipeline(
        new PipelineModel(Identifiable.randomUID("pipeline"), fitted.toArray(Transformer[]::new)),
        current,
        persisted);
  }

  /** An empty vocabulary would fail later inside Spark's IDF with "requirement failed"; say what to change instead. */
  private static void requireVocabulary(Transformer transformer) {
    if (transformer instanceof TfidfModel tfidf && tfidf.vocabulary().length == 0) {
      throw new TextClusterException(
          String.format(
              Locale.ROOT,
              "No term is left to cluster on: none occurs in at least features.tfidf.min-doc-freq = %s documents "
                  + "and in at most features.tfidf.max-doc-freq = %s of them (after text analysis the documents may "
                  + "hold only numbers, stopwords or markup). Check 'input.text-columns', 'text.language' and "
                  + "'text.stopwords', and lower 'features.tfidf.min-doc-freq' (1 or 2 for a small corpus) or raise "
                  + "'features.tfidf.max-doc-freq'.",
              fraction(tfidf.getMinDF()),
              fraction(tfidf.getMaxDF())));
    }
  }

  private static String fraction(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  /** The fitted stages: applied to new documents, they give what {@link #transformed()} holds for these. */
  public PipelineModel model() {
    return model;
  }

  /** The fitting data through every stage, computed from the persisted analysis (lazy, like any Dataset). */
  public Dataset<Row> transformed() {
    return transformed;
  }

  /** Releases the persisted analysis; call once {@link #transformed()} has been materialised elsewhere. */
  @Override
  public void close() {
    persisted.forEach(Dataset::unpersist);
  }
}
