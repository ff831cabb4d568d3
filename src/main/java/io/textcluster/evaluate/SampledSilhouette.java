package io.textcluster.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Silhouette (euclidean and cosine) and the Dunn index, exact on a bounded sample of documents: both need every
 * pairwise distance, so on the whole corpus they would cost n^2. The sample is the {@code sampleSize} documents with
 * the smallest seeded hash of their id (the same documents on every run and partitioning); when the corpus has no more
 * documents than that, every document is used and the figures are exact. Only the sample (bounded, configured) reaches
 * the driver; it is broadcast and the m^2 distances are computed by tasks, each for a slice of the sample's points.
 *
 * <p>Definitions follow scikit-learn: silhouette_score with metric "euclidean" (non-squared) or "cosine" (1 - cos),
 * singletons scoring 0. Dunn (seed 001): the smallest euclidean distance between documents of different clusters over
 * the largest distance between two documents of the same cluster.
 */
final class SampledSilhouette {
  private SampledSilhouette() {}

  /** The figures and how many documents they were computed on. */
  record Result(double euclidean, double cosine, double dunn, int sampleSize) {}

  static Result compute(
      Dataset<Row> assigned, String featuresCol, String clusterCol, String idCol, int sampleSize, long seed) {
    List<Row> rows =
        assigned
            .select(col(clusterCol), col(featuresCol), xxhash64(col(idCol), lit(seed)).as("order"))
            .orderBy(col("order"), col(idCol))
            .limit(sampleSize)
            .collectAsList();
    int m = rows.size();
    int[] clusters = new int[m];
    Vector[] points = new Vector[m];
    Map<Integer, Integer> dense = new TreeMap<>();
    for (Row r : rows) {
      dense.putIfAbsent(r.getInt(0), 0);
    }
    int next = 0;
    for (Map.Entry<Integer, Integer> e : dense.entrySet()) {
      e.setValue(next++);
    }
    for (int i = 0; i < m; i++) {
      clusters[i] = dense.get(rows.get(i).getInt(0));
      points[i] = rows.get(i).getAs(1);
    }
    int k = dense.size();
    if (k < 2 || k > m - 1) {
      // sklearn: the silhouette is defined only for 2 <= clusters <= samples - 1.
      return new Result(Double.NaN, Double.NaN, Double.NaN, m);
    }
    JavaSparkContext context = JavaSparkContext.fromSparkContext(assigned.sparkSession().sparkContext());
    Broadcast<Sample> sample = context.broadcast(new Sample(clusters, points, k));
    try {
      int slices = Math.max(1, Math.min(m, context.defaultParallelism() * 4));
      List<Integer> indices = new ArrayList<>(IntStream.range(0, m).boxed().toList());
      double[] totals =
          context
              .parallelize(indices, slices)
              .mapPartitions(new PointScores(sample))
              .reduce(PointScores::combine);
      return new Result(totals[0] / m, totals[1] / m, totals[2] / totals[3], m);
    } finally {
      sample.destroy();
    }
  }

  /**
   * The sample as the tasks see it: each point as its non-zero positions and values (dense points keep every
   * position), with squared norms precomputed, so a pair costs one dot product: |a - b|^2 = |a|^2 + |b|^2 - 2 a.b.
   */
  private static final class Sample implements Serializable {
    final int[] clusters;
    final int[][] positions;
    final double[][] values;
    final double[] squaredNorms;
    final long[] sizes;
    final int dimensions;

    Sample(int[] clusters, Vector[] points, int k) {
      this.clusters = clusters;
      this.positions = new int[points.length][];
      this.values = new double[points.length][];
      this.squaredNorms = new double[points.length];
      this.sizes = new long[k];
      this.dimensions = points.length == 0 ? 0 : points[0].size();
      for (int i = 0; i < points.length; i++) {
        SparseVector sparse = points[i].toSparse();
        positions[i] = sparse.indices();
        values[i] = sparse.values();
        for (double v : values[i]) {
          squaredNorms[i] += v * v;
        }
        sizes[clusters[i]]++;
      }
    }
  }

  /**
   * For a slice of points, each: {euclidean silhouette, cosine silhouette, nearest other-cluster distance, farthest
   * same-cluster distance}; combined by summing the first two, min of the third and max of the fourth. A point is
   * scattered into a dense scratch row once, so its dot product with another is a walk over the other's non-zeros
   * (Spark's sqdist and dot merge two sparse index lists per pair, several times slower).
   */
  private static final class PointScores implements FlatMapFunction<Iterator<Integer>, double[]> {
    private final Broadcast<Sample> sample;

    PointScores(Broadcast<Sample> sample) {
      this.sample = sample;
    }

    @Override
    public Iterator<double[]> call(Iterator<Integer> indices) {
      Sample s = sample.value();
      double[] scratch = new double[s.dimensions];
      double[] totals = {0, 0, Double.POSITIVE_INFINITY, 0};
      while (indices.hasNext()) {
        totals = combine(totals, scores(s, indices.next(), scratch));
      }
      return List.of(totals).iterator();
    }

    private static double[] scores(Sample s, int i, double[] scratch) {
      int k = s.sizes.length;
      int[] own = s.positions[i];
      double[] ownValues = s.values[i];
      for (int t = 0; t < own.length; t++) {
        scratch[own[t]] = ownValues[t];
      }
      double[] euclidean = new double[k];
      double[] cosine = new double[k];
      double nearestOther = Double.POSITIVE_INFINITY;
      double farthestSame = 0;
      double normI = Math.sqrt(s.squaredNorms[i]);
      for (int j = 0; j < s.positions.length; j++) {
        if (j == i) {
          continue;
        }
        int[] at = s.positions[j];
        double[] v = s.values[j];
        double dot = 0;
        for (int t = 0; t < at.length; t++) {
          dot += scratch[at[t]] * v[t];
        }
        // Rounding can take the expansion a hair below zero for (near-)identical points.
        double distance = Math.sqrt(Math.max(0.0, s.squaredNorms[i] + s.squaredNorms[j] - 2 * dot));
        double normJ = Math.sqrt(s.squaredNorms[j]);
        double similarity = normI == 0 || normJ == 0 ? 0 : dot / (normI * normJ);
        // sklearn clips cosine distances into [0, 2].
        double cosineDistance = Math.min(2.0, Math.max(0.0, 1.0 - similarity));
        euclidean[s.clusters[j]] += distance;
        cosine[s.clusters[j]] += cosineDistance;
        if (s.clusters[j] == s.clusters[i]) {
          farthestSame = Math.max(farthestSame, distance);
        } else {
          nearestOther = Math.min(nearestOther, distance);
        }
      }
      for (int position : own) {
        scratch[position] = 0;
      }
      return new double[] {
        silhouette(euclidean, s.sizes, s.clusters[i]), silhouette(cosine, s.sizes, s.clusters[i]),
        nearestOther, farthestSame
      };
    }

    private static double silhouette(double[] distanceSums, long[] sizes, int own) {
      if (sizes[own] <= 1) {
        return 0.0;
      }
      double within = distanceSums[own] / (sizes[own] - 1);
      double nearest = Double.POSITIVE_INFINITY;
      for (int c = 0; c < sizes.length; c++) {
        if (c != own) {
          nearest = Math.min(nearest, distanceSums[c] / sizes[c]);
        }
      }
      double spread = Math.max(within, nearest);
      return spread == 0 ? 0.0 : (nearest - within) / spread;
    }

    static double[] combine(double[] a, double[] b) {
      return new double[] {a[0] + b[0], a[1] + b[1], Math.min(a[2], b[2]), Math.max(a[3], b[3])};
    }
  }
}
