package io.textcluster.describe;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * How often each vocabulary term occurs in each cluster, counted into one int array per cluster per partition and
 * summed: k x vocabulary counts, bounded by the vocabulary, never by the documents. Exploding every document's terms
 * into rows, joining them to the vocabulary and grouping by (cluster, term) moved a row per term occurrence (a
 * hundred million at a million documents) through Spark's hash aggregation; here a term costs one map lookup.
 */
final class VocabularyTermCounts implements Serializable {
  /** Above this many cluster x term cells the counts would be too large to ship per partition; callers fall back. */
  static final long MAX_CELLS = 8_000_000L;

  private final Map<Integer, int[]> byCluster = new HashMap<>();

  static boolean fits(long clusters, int vocabularySize) {
    return clusters * (long) vocabularySize <= MAX_CELLS;
  }

  /**
   * @param documents rows of (cluster id, array of analysed terms)
   */
  static VocabularyTermCounts count(Dataset<Row> documents, String[] vocabulary) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(documents.sparkSession().sparkContext());
    Broadcast<String[]> terms = context.broadcast(vocabulary);
    try {
      // Internal rows: the terms stay UTF-8 bytes and are looked up as such, never turned into Java strings.
      return documents
          .queryExecution()
          .toRdd()
          .toJavaRDD()
          .mapPartitions(rows -> List.of(ofPartition(rows, terms.value())).iterator())
          .treeAggregate(new VocabularyTermCounts(), VocabularyTermCounts::merge, VocabularyTermCounts::merge, 2);
    } finally {
      terms.destroy();
    }
  }

  private static VocabularyTermCounts ofPartition(Iterator<InternalRow> rows, String[] vocabulary) {
    Map<UTF8String, Integer> index = new HashMap<>(vocabulary.length * 2);
    for (int i = 0; i < vocabulary.length; i++) {
      index.put(UTF8String.fromString(vocabulary[i]), i);
    }
    VocabularyTermCounts counts = new VocabularyTermCounts();
    while (rows.hasNext()) {
      InternalRow row = rows.next();
      if (row.isNullAt(0) || row.isNullAt(1)) {
        continue;
      }
      int[] cluster = counts.byCluster.computeIfAbsent(row.getInt(0), c -> new int[vocabulary.length]);
      ArrayData terms = row.getArray(1);
      for (int t = 0; t < terms.numElements(); t++) {
        Integer at = terms.isNullAt(t) ? null : index.get(terms.getUTF8String(t));
        if (at != null) {
          cluster[at]++;
        }
      }
    }
    return counts;
  }

  private VocabularyTermCounts merge(VocabularyTermCounts other) {
    VocabularyTermCounts merged = new VocabularyTermCounts();
    merged.byCluster.putAll(byCluster);
    other.byCluster.forEach(
        (cluster, counts) ->
            merged.byCluster.merge(cluster, counts, (a, b) -> {
              int[] sum = a.clone();
              for (int t = 0; t < sum.length; t++) {
                sum[t] += b[t];
              }
              return sum;
            }));
    return merged;
  }

  /**
   * Class-based TF-IDF over these counts, as {@link ClusterKeywords} defines it: score(t, c) = tf(t, c) / terms(c) *
   * log(1 + A / f(t)), ranked by score then term, the top {@code perCluster} of each cluster.
   */
  Map<Integer, List<Keyword>> top(String[] vocabulary, int perCluster) {
    Map<Integer, long[]> clusters = new TreeMap<>();
    long[] termTotals = new long[vocabulary.length];
    long allTerms = 0;
    for (Map.Entry<Integer, int[]> e : byCluster.entrySet()) {
      long clusterTerms = 0;
      for (int t = 0; t < vocabulary.length; t++) {
        clusterTerms += e.getValue()[t];
        termTotals[t] += e.getValue()[t];
      }
      // A cluster none of whose terms is in the vocabulary has no (cluster, term) row, so it does not count in A.
      if (clusterTerms > 0) {
        clusters.put(e.getKey(), new long[] {clusterTerms});
      }
      allTerms += clusterTerms;
    }
    double meanTermsPerCluster = clusters.isEmpty() ? 0 : (double) allTerms / clusters.size();
    Map<Integer, List<Keyword>> result = new TreeMap<>();
    for (Map.Entry<Integer, long[]> e : clusters.entrySet()) {
      int[] tf = byCluster.get(e.getKey());
      double clusterTerms = e.getValue()[0];
      List<Keyword> scored = new ArrayList<>();
      for (int t = 0; t < vocabulary.length; t++) {
        if (tf[t] > 0) {
          scored.add(
              new Keyword(
                  vocabulary[t], tf[t] / clusterTerms * Math.log(1.0 + meanTermsPerCluster / termTotals[t])));
        }
      }
      scored.sort(Comparator.comparingDouble(Keyword::score).reversed().thenComparing(Keyword::term));
      result.put(e.getKey(), List.copyOf(scored.subList(0, Math.min(perCluster, scored.size()))));
    }
    return result;
  }
}
