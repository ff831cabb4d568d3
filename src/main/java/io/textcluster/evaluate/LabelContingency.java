package io.textcluster.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Counts of documents per (label, cluster): one aggregation of size labels x clusters. Every external metric and the
 * per-cluster label distribution derive from it. Missing labels are shown as the label "(none)" in the distribution,
 * but the external metrics are computed over labelled documents only (a class of "no label" would score a perfect
 * clustering as imperfect); how many were left out is the metric unlabelled_documents.
 */
public final class LabelContingency {
  public static final String NO_LABEL = "(none)";

  private final List<String> labels;
  private final List<Integer> clusters;
  private final long[][] counts;

  private LabelContingency(List<String> labels, List<Integer> clusters, long[][] counts) {
    this.labels = labels;
    this.clusters = clusters;
    this.counts = counts;
  }

  public static LabelContingency compute(Dataset<Row> assigned, String labelCol, String clusterCol) {
    List<Cell> cells = new ArrayList<>();
    for (Row row : assigned.groupBy(col(labelCol).cast("string"), col(clusterCol)).agg(count(lit(1))).collectAsList()) {
      cells.add(new Cell(row.isNullAt(0) ? null : row.getString(0), row.getInt(1), row.getLong(2)));
    }
    return of(cells);
  }

  /** One (label, cluster) count; a null label is a document without one. */
  public record Cell(String label, int clusterId, long documents) {}

  /** The contingency from counts already aggregated (describe counts them in its shared scan). */
  public static LabelContingency of(List<Cell> cells) {
    TreeSet<String> labelSet = new TreeSet<>();
    TreeSet<Integer> clusterSet = new TreeSet<>();
    for (Cell cell : cells) {
      labelSet.add(cell.label() == null ? NO_LABEL : cell.label());
      clusterSet.add(cell.clusterId());
    }
    List<String> labels = new ArrayList<>(labelSet);
    List<Integer> clusters = new ArrayList<>(clusterSet);
    long[][] counts = new long[labels.size()][clusters.size()];
    for (Cell cell : cells) {
      int i = labels.indexOf(cell.label() == null ? NO_LABEL : cell.label());
      int j = clusters.indexOf(cell.clusterId());
      counts[i][j] += cell.documents();
    }
    return new LabelContingency(labels, clusters, counts);
  }

  public Map<String, Double> metrics() {
    int none = labels.indexOf(NO_LABEL);
    if (none < 0) {
      return ExternalMetrics.compute(counts);
    }
    long[][] labelled = new long[labels.size() - 1][];
    for (int i = 0, j = 0; i < labels.size(); i++) {
      if (i != none) {
        labelled[j++] = counts[i];
      }
    }
    long unlabelled = java.util.Arrays.stream(counts[none]).sum();
    Map<String, Double> metrics = new java.util.LinkedHashMap<>();
    if (labelled.length > 0) {
      metrics.putAll(ExternalMetrics.compute(labelled));
    }
    metrics.put("unlabelled_documents", (double) unlabelled);
    return metrics;
  }

  /** Label counts of one cluster, largest first. */
  public Map<String, Long> labelCounts(int cluster) {
    int j = clusters.indexOf(cluster);
    Map<String, Long> unordered = new TreeMap<>();
    if (j >= 0) {
      for (int i = 0; i < labels.size(); i++) {
        if (counts[i][j] > 0) {
          unordered.put(labels.get(i), counts[i][j]);
        }
      }
    }
    Map<String, Long> ordered = new LinkedHashMap<>();
    unordered.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    return ordered;
  }

  public String majorityLabel(int cluster) {
    return labelCounts(cluster).keySet().stream().findFirst().orElse(null);
  }

  public List<String> labels() {
    return labels;
  }

  public List<Integer> clusters() {
    return clusters;
  }

  public long[][] counts() {
    return counts;
  }
}
