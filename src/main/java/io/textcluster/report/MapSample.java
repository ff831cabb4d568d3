package io.textcluster.report;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The report's map points, read from a run's assignments (the sample that has map_text; at most report.map-points
 * rows) and written as columns rather than one object per point, so 20,000 points fit a page under 10 MB: names once,
 * coordinates scaled to 0..1000 with one decimal, and each text cut so all texts together stay within
 * {@link #TEXT_BUDGET_BYTES} (a 2,000-point map keeps its full text-chars; 20,000 points keep about 250 bytes each).
 */
final class MapSample {
  static final int TEXT_BUDGET_BYTES = 5_000_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Layout name -> its x, y columns in the assignments table, in the order the page offers them. */
  private static final Map<String, String[]> LAYOUTS = new LinkedHashMap<>();

  static {
    LAYOUTS.put("umap", new String[] {DocumentMap.UMAP_X, DocumentMap.UMAP_Y});
    LAYOUTS.put("tsne", new String[] {DocumentMap.TSNE_X, DocumentMap.TSNE_Y});
    LAYOUTS.put("pca", new String[] {DocumentMap.MAP_X, DocumentMap.MAP_Y});
  }

  private MapSample() {}

  /** The sample of {@code ofRun} (one run's assignments) as a JSON object; {@code {"n":0}} when there is none. */
  static String json(Dataset<Row> ofRun, int mapPoints) {
    ObjectNode out = JSON.createObjectNode();
    List<String> names = ofRun == null ? List.of() : Arrays.asList(ofRun.columns());
    String marker = names.contains(DocumentMap.MAP_TEXT) ? DocumentMap.MAP_TEXT : DocumentMap.TSNE_X;
    if (ofRun == null || mapPoints == 0 || !names.contains(marker)) {
      return out.put("n", 0).toString();
    }
    List<String> wanted = new ArrayList<>(List.of("doc_id", "cluster_id", "label", DocumentMap.MAP_TEXT));
    LAYOUTS.values().forEach(xy -> wanted.addAll(List.of(xy)));
    List<String> present = wanted.stream().filter(names::contains).toList();
    List<Row> rows = ofRun.filter(col(marker).isNotNull())
        .select(present.stream().map(c -> col(c)).toArray(Column[]::new))
        .orderBy("doc_id")
        .limit(mapPoints)
        .collectAsList();
    int n = rows.size();
    out.put("n", n);
    ArrayNode ids = out.putArray("doc_id");
    ArrayNode clusters = out.putArray("cluster_id");
    ArrayNode labels = present.contains("label") ? out.putArray("label") : null;
    ArrayNode texts = out.putArray("text");
    int textBytes = n == 0 ? 0 : TEXT_BUDGET_BYTES / n;
    for (Row r : rows) {
      ids.add(String.valueOf((Object) r.getAs("doc_id")));
      clusters.add(((Number) r.getAs("cluster_id")).intValue());
      if (labels != null) {
        Object label = r.getAs("label");
        labels.add(label == null ? null : String.valueOf(label));
      }
      String text = present.contains(DocumentMap.MAP_TEXT) ? r.getAs(DocumentMap.MAP_TEXT) : null;
      texts.add(text == null ? "" : cut(text, textBytes));
    }
    ObjectNode layouts = out.putObject("layouts");
    LAYOUTS.forEach((layout, xy) -> {
      if (present.contains(xy[0]) && present.contains(xy[1])) {
        double[][] scaled = scaled(rows, xy[0], xy[1]);
        if (scaled != null) {
          ObjectNode node = layouts.putObject(layout);
          ArrayNode xs = node.putArray("x");
          ArrayNode ys = node.putArray("y");
          for (double[] p : scaled) {
            xs.add(p[0]);
            ys.add(p[1]);
          }
        }
      }
    });
    return out.toString();
  }

  /** Coordinates scaled to 0..1000 on the longer side (aspect kept), one decimal; null when any is missing. */
  private static double[][] scaled(List<Row> rows, String xColumn, String yColumn) {
    if (rows.isEmpty()) {
      return null;
    }
    double[][] p = new double[rows.size()][2];
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < p.length; i++) {
      Object x = rows.get(i).getAs(xColumn);
      Object y = rows.get(i).getAs(yColumn);
      if (x == null || y == null) {
        return null;
      }
      p[i][0] = ((Number) x).doubleValue();
      p[i][1] = ((Number) y).doubleValue();
      minX = Math.min(minX, p[i][0]);
      maxX = Math.max(maxX, p[i][0]);
      minY = Math.min(minY, p[i][1]);
      maxY = Math.max(maxY, p[i][1]);
    }
    double span = Math.max(maxX - minX, maxY - minY);
    double scale = span > 0 ? 1000 / span : 1;
    for (double[] q : p) {
      q[0] = Math.round((q[0] - minX) * scale * 10) / 10.0;
      q[1] = Math.round((q[1] - minY) * scale * 10) / 10.0;
    }
    return p;
  }

  /** The longest prefix of {@code text} of at most {@code maxBytes} UTF-8 bytes, whole code points only. */
  static String cut(String text, int maxBytes) {
    if (text.length() * 3 <= maxBytes || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return text;
    }
    int bytes = 0;
    int end = 0;
    while (end < text.length()) {
      int cp = text.codePointAt(end);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > maxBytes - 3) {
        break;
      }
      bytes += size;
      end += Character.charCount(cp);
    }
    return text.substring(0, end) + "…";
  }
}
