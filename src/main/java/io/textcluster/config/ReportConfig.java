package io.textcluster.config;

/**
 * The HTML report written beside the tables, and the 2-D document map behind it (map_x/map_y for every document,
 * tsne_x/tsne_y and map_text for a bounded sample).
 */
public record ReportConfig(boolean enabled, int mapPoints, int textChars, int tsneIterations) {
  /** Exact t-SNE costs O(n^2) per iteration; the issue bounds the sample at 20,000 documents. */
  public static final int MAX_MAP_POINTS = 20_000;

  /** The report settings of conf/defaults.conf, for `textcluster report --lake` where no job config is given. */
  public static ReportConfig defaults() {
    return JobConfig.readReport(new TypedConfig(JobConfig.defaults()));
  }
}
