package io.textcluster.job;

import io.textcluster.describe.ClusterSummary;
import io.textcluster.describe.Keyword;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The readable end of a run on the console: the clusters (id, size, keywords) and the metrics. */
final class ConsoleSummary {
  private static final int KEYWORDS_SHOWN = 8;

  private ConsoleSummary() {}

  static void print(
      PrintStream out, String runId, List<ClusterSummary> clusters, Map<String, Double> metrics, String lake) {
    out.println();
    out.printf(Locale.ROOT, "Run %s: %d clusters%n", runId, clusters.size());
    boolean withMeans = clusters.stream().anyMatch(c -> !c.metadataMeans().isEmpty());
    boolean withLabels = clusters.stream().anyMatch(c -> c.majorityLabel() != null);
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%8s %8s %7s", "cluster", "size", "share"));
    if (withLabels) {
      header.append(String.format(Locale.ROOT, "  %-16s", "majority label"));
    }
    if (withMeans) {
      header.append(String.format(Locale.ROOT, "  %-18s", "means"));
    }
    header.append("  keywords");
    out.println(header);
    for (ClusterSummary c : clusters) {
      StringBuilder line =
          new StringBuilder(
              String.format(Locale.ROOT, "%8d %8d %6.1f%%", c.clusterId(), c.size(), 100 * c.share()));
      if (withLabels) {
        line.append(String.format(Locale.ROOT, "  %-16s", truncate(String.valueOf(c.majorityLabel()), 16)));
      }
      if (withMeans) {
        String means =
            c.metadataMeans().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s=%.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(" "));
        line.append(String.format(Locale.ROOT, "  %-18s", truncate(means, 18)));
      }
      line.append("  ")
          .append(
              c.keywords().stream()
                  .limit(KEYWORDS_SHOWN)
                  .map(Keyword::term)
                  .collect(Collectors.joining(", ")));
      out.println(line);
    }
    out.println();
    out.println("Metrics:");
    metrics.forEach((name, value) -> out.printf(Locale.ROOT, "  %-26s %.4f%n", name, value));
    out.printf(
        Locale.ROOT,
        "%nTables: %s/{assignments,clusters,runs} (run_id = '%s')%n",
        lake,
        runId);
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
