package io.textcluster.schema;

/**
 * The names of the columns a document carries through the pipeline, declared once: the reader writes the first three,
 * the features stages the next three, the clustering model the last three. The lake tables use the same names.
 */
public final class Columns {
  /** The document's id, unique within a corpus (input.id-column, or a hash of the text). */
  public static final String DOC_ID = "doc_id";
  /** The text the features are built from (input.text-columns joined, or input.text-template filled). */
  public static final String TEXT = "text";
  /** The known class of the document (input.label-column), for the agreement metrics only. */
  public static final String LABEL = "label";
  /** The analysed terms of the text (after stopwords and stemming). */
  public static final String TOKENS = "tokens";
  /** The TF-IDF weights of the terms, before any reduction. */
  public static final String TFIDF = "tfidf";
  /** The vectors the clustering is fitted on: TF-IDF, its LSA reduction, embeddings or numeric columns. */
  public static final String FEATURES = "features";
  /** The cluster the model assigns; -1 is density noise. */
  public static final String CLUSTER_ID = "cluster_id";
  /** The distance to the assigned cluster's centre, in the run's distance measure (null for noise). */
  public static final String DISTANCE = "distance";
  /** The Gaussian mixture's posterior of the assigned component. */
  public static final String PROBABILITY = "probability";

  /** The detected language of each document (text.language = auto), in the documents and in assignments. */
  public static final String LANGUAGE = "language";

  private Columns() {}
}
