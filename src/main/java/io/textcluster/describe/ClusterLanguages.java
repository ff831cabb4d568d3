package io.textcluster.describe;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.textcluster.schema.Columns;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The language mix of each cluster (text.language = auto): how many of its documents each detected language holds,
 * largest first. One aggregation of (cluster, language) pairs; a cluster has few languages, so the result is small.
 */
public final class ClusterLanguages {

  /** One language's documents in one cluster. */
  public record Share(String language, long documents, double fraction) {}

  private ClusterLanguages() {}

  /** Cluster id to its languages, largest share first (ties by name, so the order is stable). */
  public static Map<Integer, List<Share>> compute(Dataset<Row> assigned, String clusterCol, String languageCol) {
    List<Row> rows = assigned
        .groupBy(col(clusterCol), col(languageCol))
        .agg(count(lit(1)))
        .collectAsList();
    Map<Integer, List<Row>> byCluster = new TreeMap<>();
    for (Row row : rows) {
      byCluster.computeIfAbsent(((Number) row.get(0)).intValue(), k -> new ArrayList<>()).add(row);
    }
    Map<Integer, List<Share>> result = new TreeMap<>();
    byCluster.forEach((cluster, pairs) -> {
      long total = pairs.stream().mapToLong(r -> r.getLong(2)).sum();
      List<Share> shares = pairs.stream()
          .map(r -> new Share(r.isNullAt(1) ? "unknown" : r.getString(1), r.getLong(2), r.getLong(2) / (double) total))
          .sorted(Comparator.comparingLong(Share::documents).reversed().thenComparing(Share::language))
          .toList();
      result.put(cluster, shares);
    });
    return result;
  }

  /**
   * Cluster id to language to its share of the cluster's documents, as the clusters table stores it; null when the
   * documents carry no detected language (text.language is not auto).
   */
  public static Map<Integer, Map<String, Double>> shares(Dataset<Row> assigned) {
    if (!java.util.Arrays.asList(assigned.columns()).contains(Columns.LANGUAGE)) {
      return null;
    }
    Map<Integer, Map<String, Double>> result = new TreeMap<>();
    compute(assigned, Columns.CLUSTER_ID, Columns.LANGUAGE).forEach((cluster, mix) -> {
      Map<String, Double> shares = new java.util.LinkedHashMap<>();
      mix.forEach(s -> shares.put(s.language(), s.fraction()));
      result.put(cluster, shares);
    });
    return result;
  }

  /** "english 80%, japanese 20%": the mix as the clusters table and report show it. */
  public static String describe(List<Share> shares) {
    return shares.stream()
        .map(s -> String.format(Locale.ROOT, "%s %.0f%%", s.language(), 100 * s.fraction()))
        .collect(Collectors.joining(", "));
  }

  /** Share of documents whose cluster's largest language is their own: 1.0 when clusters split by language alone. */
  public static double languagePurity(Map<Integer, List<Share>> mix) {
    long top = 0;
    long all = 0;
    for (List<Share> shares : mix.values()) {
      top += shares.get(0).documents();
      all += shares.stream().mapToLong(Share::documents).sum();
    }
    return all == 0 ? 0 : top / (double) all;
  }
}
