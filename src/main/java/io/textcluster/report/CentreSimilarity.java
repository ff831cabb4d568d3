package io.textcluster.report;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Cosine similarity between a run's cluster centres (the clusters table's centre column), for the report's heatmap.
 * The centres themselves stay out of the page: with TF-IDF each is as long as the vocabulary, k of them would be
 * megabytes of numbers no reader can use, and the k x k matrix says what they are good for.
 */
final class CentreSimilarity {
  static final String CENTRE = "centre";
  private static final ObjectMapper JSON = new ObjectMapper();

  private CentreSimilarity() {}

  /** {@code {"ids": [...], "cosine": [[...], ...]}} over the clusters that have a centre; empty lists when none do. */
  static String json(Dataset<Row> clustersOfRun) {
    ObjectNode out = JSON.createObjectNode();
    ArrayNode ids = out.putArray("ids");
    ArrayNode matrix = out.putArray("cosine");
    if (clustersOfRun == null || !Arrays.asList(clustersOfRun.columns()).contains(CENTRE)) {
      return out.toString();
    }
    List<Integer> clusterIds = new ArrayList<>();
    List<double[]> centres = new ArrayList<>();
    for (Row r : RunReport.sorted(clustersOfRun.filter(col(CENTRE).isNotNull()).select("cluster_id", CENTRE),
        col("cluster_id")).collectAsList()) {
      List<Double> values = r.getList(1);
      clusterIds.add(((Number) r.get(0)).intValue());
      centres.add(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
    double[][] cosine = cosine(centres);
    for (int i = 0; i < cosine.length; i++) {
      ids.add(clusterIds.get(i));
      ArrayNode line = matrix.addArray();
      for (double v : cosine[i]) {
        line.add(Math.round(v * 1000) / 1000.0);
      }
    }
    return out.toString();
  }

  /** The cosine of every pair; a zero vector is similar to nothing (0), including itself. */
  static double[][] cosine(List<double[]> vectors) {
    int k = vectors.size();
    double[] norms = new double[k];
    for (int i = 0; i < k; i++) {
      norms[i] = Math.sqrt(dot(vectors.get(i), vectors.get(i)));
    }
    double[][] out = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) {
        double v = norms[i] > 0 && norms[j] > 0 ? dot(vectors.get(i), vectors.get(j)) / (norms[i] * norms[j]) : 0;
        out[i][j] = v;
        out[j][i] = v;
      }
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
