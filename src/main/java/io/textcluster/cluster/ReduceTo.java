package io.textcluster.cluster;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * cluster.reduce-to (BERTopic's reduce_topics, for every method): after the fit, the two clusters whose merge least
 * raises the within-cluster sum of squares (Ward's criterion on the centres, weighted by the clusters' sizes; on unit
 * centres for cosine) are merged, again and again, until N remain. The merging then goes on, in the record only, down
 * to one cluster: each remaining cluster's parent is the cluster it would merge into next (the one with the lower id
 * keeps it), so every method gets a hierarchy for the clusters table's parent_cluster_id. Merged ids are numbered
 * 0..N-1 in the order of their lowest fitted id; the saved model maps fitted ids onto them ({@link ClusterMerge}).
 */
final class ReduceTo {
  /**
   * @param into the merged id of each fitted id
   * @param parents each merged cluster's parent (the root, 0, has none)
   * @param groups the fitted ids in each merged cluster, for the console
   */
  record Plan(int[] into, Map<Integer, Integer> parents, List<List<Integer>> groups) {}

  private ReduceTo() {}

  /** The merges of {@code centres} (one per fitted id, sizes = their documents) down to {@code n} clusters. */
  static Plan plan(double[][] centres, long[] sizes, int n, boolean cosine) {
    int k = centres.length;
    List<TreeSet<Integer>> members = new ArrayList<>();
    List<double[]> sums = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      members.add(new TreeSet<>(List.of(c)));
      double[] sum = centres[c].clone();
      for (int f = 0; f < sum.length; f++) {
        sum[f] *= sizes[c];
      }
      sums.add(sum);
      counts.add(sizes[c]);
    }
    int[] into = new int[k];
    Map<Integer, Integer> parents = new HashMap<>();
    List<List<Integer>> groups = new ArrayList<>();
    Map<Integer, Integer> finalIdOf = null;
    while (members.size() > 1) {
      if (members.size() == n && finalIdOf == null) {
        finalIdOf = new HashMap<>();
        // Merged ids in the order of each group's lowest fitted id: the list is kept in that order.
        for (int g = 0; g < members.size(); g++) {
          groups.add(new ArrayList<>(members.get(g)));
          for (int fitted : members.get(g)) {
            into[fitted] = g;
            finalIdOf.put(fitted, g);
          }
        }
      }
      int bestA = 0;
      int bestB = 1;
      double best = Double.POSITIVE_INFINITY;
      for (int a = 0; a < members.size(); a++) {
        for (int b = a + 1; b < members.size(); b++) {
          double cost = ward(sums.get(a), counts.get(a), sums.get(b), counts.get(b), cosine);
          if (cost < best) {
            best = cost;
            bestA = a;
            bestB = b;
          }
        }
      }
      if (finalIdOf != null) {
        int keep = finalIdOf.get(members.get(bestA).first());
        int merged = finalIdOf.get(members.get(bestB).first());
        parents.put(Math.max(keep, merged), Math.min(keep, merged));
      }
      members.get(bestA).addAll(members.get(bestB));
      double[] sum = sums.get(bestA);
      double[] other = sums.get(bestB);
      for (int f = 0; f < sum.length; f++) {
        sum[f] += other[f];
      }
      counts.set(bestA, counts.get(bestA) + counts.get(bestB));
      members.remove(bestB);
      sums.remove(bestB);
      counts.remove(bestB);
    }
    if (finalIdOf == null) {
      // Asked for one cluster, or for no fewer than were fitted: nothing is merged.
      for (int c = 0; c < k; c++) {
        into[c] = n == 1 ? 0 : c;
      }
    }
    return new Plan(into, parents, groups);
  }

  /** Ward's increase in the sum of squares when two clusters (as sums and counts) merge. */
  static double ward(double[] sumA, long countA, double[] sumB, long countB, boolean cosine) {
    if (countA == 0 || countB == 0) {
      return 0;
    }
    double[] meanA = scaled(sumA, 1.0 / countA, cosine);
    double[] meanB = scaled(sumB, 1.0 / countB, cosine);
    double squared = 0;
    for (int f = 0; f < meanA.length; f++) {
      double d = meanA[f] - meanB[f];
      squared += d * d;
    }
    return (double) countA * countB / (countA + countB) * squared;
  }

  private static double[] scaled(double[] v, double factor, boolean unit) {
    double[] out = new double[v.length];
    for (int f = 0; f < v.length; f++) {
      out[f] = v[f] * factor;
    }
    if (unit) {
      DriverSample.normalize(out);
    }
    return out;
  }

  /** {@code fitted} with its clusters merged down to {@code n}; unchanged when it has no more than n clusters. */
  static ClusteringModel apply(ClusteringModel fitted, Dataset<Row> data, int n) {
    int k = fitted.numClusters();
    if (k <= n) {
      return fitted;
    }
    long[] sizes = new long[k];
    for (Row row : fitted.transform(data).where(col(fitted.getPredictionCol()).geq(0))
        .groupBy(fitted.getPredictionCol()).count().collectAsList()) {
      int id = row.getInt(0);
      if (id < k) {
        sizes[id] = row.getLong(1);
      }
    }
    Vector[] fittedCentres = fitted.clusterCentres();
    double[][] centres = Arrays.stream(fittedCentres).map(Vector::toArray).toArray(double[][]::new);
    Plan plan = plan(centres, sizes, n, fitted.isCosine());
    Vector[] merged = mergedCentres(centres, sizes, plan.into(), n);
    Transformer assigner =
        new PipelineModel(Identifiable.randomUID("reducedTo"), new Transformer[] {
            fitted.assigner(), new ClusterMerge().setInto(plan.into())});
    ClusteringSummary before = fitted.summary();
    Map<String, Double> metrics = new LinkedHashMap<>(before.metrics());
    metrics.put("reduce_to_fitted_clusters", (double) k);
    ClusteringSummary summary =
        new ClusteringSummary(before.method(), before.iterations(), before.cost(), plan.parents(), metrics,
            before.description() + "; " + k + " clusters merged into " + n + " (cluster.reduce-to): "
                + plan.groups());
    return fitted.replacing(assigner, merged, summary);
  }

  /** Each merged cluster's centre: its fitted centres weighted by their documents. */
  static Vector[] mergedCentres(double[][] centres, long[] sizes, int[] into, int n) {
    int dimensions = centres[0].length;
    double[][] sums = new double[n][dimensions];
    long[] counts = new long[n];
    for (int c = 0; c < centres.length; c++) {
      counts[into[c]] += sizes[c];
      for (int f = 0; f < dimensions; f++) {
        sums[into[c]][f] += centres[c][f] * sizes[c];
      }
    }
    Vector[] merged = new Vector[n];
    for (int g = 0; g < n; g++) {
      for (int f = 0; f < dimensions; f++) {
        sums[g][f] /= Math.max(1, counts[g]);
      }
      merged[g] = Vectors.dense(sums[g]);
    }
    return merged;
  }
}
