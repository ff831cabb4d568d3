package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import io.textcluster.config.TextClusterException;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A bounded, seeded sample of documents held on the driver as plain arrays, for the methods that fit exactly on a
 * sample (density and agglomerative). The sample is the {@code size} documents with the smallest seeded hash of their
 * id, ordered by that hash and the id, so the same documents arrive in the same order on every run and partitioning.
 * For cosine the vectors are scaled to unit length: cosine distance is then 1 - dot, and euclidean distance between
 * them orders pairs exactly as cosine does (|a - b|^2 = 2 (1 - cos)), which is what ward linkage needs.
 */
public final class DriverSample {
  /** Dense rows of the sample: 5,000 x 2,048 doubles is 80 MB, the most a driver should hold for this. */
  static final int MAX_DIMENSIONS = 2048;

  final double[][] points;
  final boolean cosine;

  private DriverSample(double[][] points, boolean cosine) {
    this.points = points;
    this.cosine = cosine;
  }

  static DriverSample draw(
      Dataset<Row> data, String featuresCol, int size, long seed, boolean cosine, String sizeKey) {
    List<Row> rows =
        data.select(col(featuresCol), xxhash64(col(Columns.DOC_ID), lit(seed)).as("order"), col(Columns.DOC_ID))
            .orderBy(col("order"), col(Columns.DOC_ID))
            .limit(size)
            .collectAsList();
    if (rows.isEmpty()) {
      throw new TextClusterException("There are no documents to cluster.");
    }
    int dimensions = rows.get(0).<Vector>getAs(0).size();
    if (dimensions > MAX_DIMENSIONS) {
      throw new TextClusterException(
          "The features have " + dimensions + " dimensions, but the sample fitted on the driver ('" + sizeKey
              + "') holds dense vectors of at most " + MAX_DIMENSIONS + ". Reduce them with 'features.lsa.enabled' = "
              + "true (and 'features.lsa.dimensions'), or use 'features.type' = embedding.");
    }
    double[][] points = new double[rows.size()][];
    for (int i = 0; i < points.length; i++) {
      points[i] = rows.get(i).<Vector>getAs(0).toArray();
      if (cosine) {
        normalize(points[i]);
      }
    }
    return new DriverSample(points, cosine);
  }

  /** For tests and callers that already hold arrays. */
  static DriverSample of(double[][] points, boolean cosine) {
    double[][] copy = new double[points.length][];
    for (int i = 0; i < points.length; i++) {
      copy[i] = points[i].clone();
      if (cosine) {
        normalize(copy[i]);
      }
    }
    return new DriverSample(copy, cosine);
  }

  int size() {
    return points.length;
  }

  int dimensions() {
    return points[0].length;
  }

  /** The run's distance between sample points i and j (cosine: 1 - dot of unit vectors; else euclidean). */
  double distance(int i, int j) {
    return distance(points[i], points[j], cosine);
  }

  static double distance(double[] a, double[] b, boolean cosine) {
    if (cosine) {
      double dot = 0;
      for (int f = 0; f < a.length; f++) {
        dot += a[f] * b[f];
      }
      return Math.max(0, 1 - dot);
    }
    double squared = 0;
    for (int f = 0; f < a.length; f++) {
      double d = a[f] - b[f];
      squared += d * d;
    }
    return Math.sqrt(squared);
  }

  /** The mean of each cluster's members (labels 0..clusters-1; -1 is skipped), in the sample's (unit) space. */
  double[][] means(int[] labels, int clusters) {
    double[][] means = new double[clusters][dimensions()];
    int[] counts = new int[clusters];
    for (int i = 0; i < points.length; i++) {
      if (labels[i] >= 0) {
        counts[labels[i]]++;
        for (int f = 0; f < dimensions(); f++) {
          means[labels[i]][f] += points[i][f];
        }
      }
    }
    for (int c = 0; c < clusters; c++) {
      for (int f = 0; f < dimensions(); f++) {
        means[c][f] /= Math.max(1, counts[c]);
      }
    }
    return means;
  }

  public static void normalize(double[] v) {
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int f = 0; f < v.length; f++) {
        v[f] /= norm;
      }
    }
  }
}
