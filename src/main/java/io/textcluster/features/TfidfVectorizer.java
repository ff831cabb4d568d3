package io.textcluster.features;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Learns a vocabulary and its inverse document frequencies in one pass over the analysed terms, and gives the
 * {@link TfidfModel} that turns terms into L2-normalised TF-IDF vectors. It is what CountVectorizer, IDF and
 * Normalizer do in three stages (the same vocabulary rule, the same smoothed IDF, log((n + 1) / (df + 1))), fused:
 * Spark's three stages read the corpus three times to fit, look every term up in a Scala map, sort each document's
 * entries as boxed pairs and write two intermediate vector columns that nothing else reads. On a million documents
 * that was most of the features stage.
 */
public class TfidfVectorizer extends Estimator<TfidfModel>
    implements TfidfParams<TfidfVectorizer>, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final IntParam vocabSize;
  private final DoubleParam minDF;
  private final DoubleParam maxDF;

  public TfidfVectorizer() {
    this(Identifiable.randomUID("tfidfVectorizer"));
  }

  /** Used by Spark itself to copy and load the stage. */
  public TfidfVectorizer(String uid) {
    this.uid = uid;
    inputCol = TfidfParams.inputCol(this);
    outputCol = TfidfParams.outputCol(this);
    vocabSize = TfidfParams.vocabSize(this);
    minDF = TfidfParams.minDF(this);
    maxDF = TfidfParams.maxDF(this);
    TfidfParams.setDefaults(this, this);
  }

  @Override
  public Param<String> inputCol() {
    return inputCol;
  }

  @Override
  public Param<String> outputCol() {
    return outputCol;
  }

  @Override
  public IntParam vocabSize() {
    return vocabSize;
  }

  @Override
  public DoubleParam minDF() {
    return minDF;
  }

  @Override
  public DoubleParam maxDF() {
    return maxDF;
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public TfidfModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Dataset<Row> terms = dataset.select(getInputCol()).toDF();
    long documents = terms.count();
    double min = getMinDF() >= 1 ? getMinDF() : getMinDF() * documents;
    double max = getMaxDF() >= 1 ? getMaxDF() : getMaxDF() * documents;
    if (max < min) {
      throw new IllegalArgumentException("maxDF must be >= minDF.");
    }
    List<TermCount> kept =
        terms.javaRDD()
            .mapPartitionsToPair(TfidfVectorizer::countPartition)
            .reduceByKey(TfidfVectorizer::add)
            .filter(term -> term._2()[1] >= min && term._2()[1] <= max)
            .map(term -> new TermCount(term._1(), term._2()[0], term._2()[1]))
            .top(getVocabSize(), new MostFrequentFirst());
    List<TermCount> ordered = new ArrayList<>(kept);
    ordered.sort(new MostFrequentFirst().reversed());
    String[] vocabulary = new String[ordered.size()];
    double[] idf = new double[ordered.size()];
    for (int i = 0; i < vocabulary.length; i++) {
      vocabulary[i] = ordered.get(i).term();
      idf[i] = Math.log((documents + 1.0) / (ordered.get(i).documents() + 1.0));
    }
    TfidfModel model = new TfidfModel(uid, vocabulary, idf);
    model.setParent(this);
    return copyValues(model, extractParamMap());
  }

  /**
   * Each term of a partition with {occurrences, documents}: a document counts once per term because the term remembers
   * the last document that counted it, so no per-document set is built.
   */
  private static Iterator<Tuple2<String, long[]>> countPartition(Iterator<Row> rows) {
    Map<String, long[]> counts = new HashMap<>();
    long document = 0;
    while (rows.hasNext()) {
      document++;
      List<String> terms = rows.next().getList(0);
      for (String term : terms) {
        long[] count = counts.computeIfAbsent(term, t -> new long[3]);
        count[0]++;
        if (count[2] != document) {
          count[1]++;
          count[2] = document;
        }
      }
    }
    return counts.entrySet().stream()
        .map(e -> new Tuple2<>(e.getKey(), new long[] {e.getValue()[0], e.getValue()[1]}))
        .iterator();
  }

  private static long[] add(long[] a, long[] b) {
    a[0] += b[0];
    a[1] += b[1];
    return a;
  }

  /** A vocabulary term: its occurrences over the corpus and the documents it is in. */
  record TermCount(String term, long occurrences, long documents) implements Serializable {}

  /** CountVectorizer's order (occurrences), ties broken by the term so that a vocabulary does not depend on timing. */
  private static final class MostFrequentFirst implements Comparator<TermCount>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(TermCount a, TermCount b) {
      int byCount = Long.compare(a.occurrences(), b.occurrences());
      return byCount != 0 ? byCount : b.term().compareTo(a.term());
    }
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return TfidfModel.outputSchema(schema, getInputCol(), getOutputCol(), 0);
  }

  @Override
  public TfidfVectorizer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<TfidfVectorizer> read() {
    return new DefaultParamsReader<>();
  }

  public static TfidfVectorizer load(String path) {
    return read().load(path);
  }
}
