package io.textcluster.config;

import java.util.List;

/**
 * The HTML report written beside the tables, and the 2-D document map behind it (map_x/map_y for every document; for a
 * bounded sample, map_text and the coordinates of {@code mapLayout}: umap_x/umap_y or tsne_x/tsne_y).
 */
public record ReportConfig(boolean enabled, int mapPoints, int textChars, int tsneIterations, String mapLayout) {
  /** The issue bounds the sample at 20,000 documents: the page then stays under 10 MB. */
  public static final int MAX_MAP_POINTS = 20_000;
  public static final String UMAP = "umap";
  public static final String TSNE = "tsne";
  public static final String PCA = "pca";
  /** report.map-layout's values. */
  public static final List<String> LAYOUTS = List.of(UMAP, TSNE, PCA);

  /** The report settings of conf/defaults.conf, for `textcluster report --lake` where no job config is given. */
  public static ReportConfig defaults() {
    return JobConfig.readReport(new TypedConfig(JobConfig.defaults()));
  }
}
