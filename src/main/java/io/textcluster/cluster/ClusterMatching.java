package io.textcluster.cluster;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;

import io.textcluster.cluster.ClusterIdMapping;
import io.textcluster.cluster.FittedClustering;
import io.textcluster.config.TextClusterException;
import io.textcluster.evaluate.HungarianMatching;
import io.textcluster.io.LakeTables;
import io.textcluster.io.LakeWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stable cluster ids for scheduled re-fits (cluster.match-run): a fresh fit numbers its clusters arbitrarily, so each
 * new cluster takes the id of the earlier run's cluster it matches. Matching is a Hungarian assignment on the cosine
 * distance between centres; clusters left unmatched (more clusters than before) get ids above the earlier largest.
 *
 * <p>The earlier centres are measured in this run's feature space, as the mean of this run's features over the
 * documents both runs share, grouped by the earlier cluster id (one join and aggregation, k rows collected). Stored
 * centres could not be compared: a re-fit learns a new vocabulary (term i is another word) or a new LSA basis.
 */
public final class ClusterMatching {
  /** @param relabelled the fit with renumbered ids, its model ending in a {@link ClusterIdMapping} stage */
  public record Result(FittedClustering relabelled, String earlierRun, Map<Integer, Double> distances) {}

  private ClusterMatching() {}

  public static Result relabel(LakeWriter lake, String earlierRun, Dataset<Row> featurized, FittedClustering fit) {
    Map<Integer, Vector> earlier = earlierCentres(lake, earlierRun, featurized);
    List<Integer> earlierIds = new ArrayList<>(earlier.keySet());
    earlierIds.sort(Integer::compare);
    Vector[] centres = fit.centres();
    double[][] cost = new double[centres.length][earlierIds.size()];
    for (int i = 0; i < centres.length; i++) {
      for (int j = 0; j < earlierIds.size(); j++) {
        cost[i][j] = cosineDistance(centres[i], earlier.get(earlierIds.get(j)));
      }
    }
    int[] matched = HungarianMatching.minimumCost(cost);
    int next = earlierIds.get(earlierIds.size() - 1) + 1;
    int[] from = new int[centres.length];
    int[] to = new int[centres.length];
    Map<Integer, Double> distances = new LinkedHashMap<>();
    for (int i = 0; i < centres.length; i++) {
      from[i] = i;
      if (matched[i] >= 0) {
        to[i] = earlierIds.get(matched[i]);
        distances.put(to[i], cost[i][matched[i]]);
      } else {
        to[i] = next++;
      }
    }
    ClusterIdMapping mapping = new ClusterIdMapping().setMapping(from, to);
    int size = java.util.Arrays.stream(to).max().orElse(-1) + 1;
    Vector[] renumbered = new Vector[size];
    for (int i = 0; i < centres.length; i++) {
      renumbered[to[i]] = centres[i];
    }
    for (int id = 0; id < size; id++) {
      // Ids the mapping skips have no cluster; a zero centre keeps the array indexable by id.
      if (renumbered[id] == null) {
        renumbered[id] = Vectors.zeros(centres[0].size());
      }
    }
    Map<Integer, Integer> parents = new LinkedHashMap<>();
    fit.parents().forEach((child, parent) -> parents.put(mapping.map(child), mapping.map(parent)));
    Map<String, Double> metrics = new LinkedHashMap<>(fit.metrics());
    metrics.put("match_clusters_matched", (double) distances.size());
    metrics.put("match_clusters_new", (double) (centres.length - distances.size()));
    PipelineModel model =
        new PipelineModel(Identifiable.randomUID("matched"), new Transformer[] {fit.model(), mapping});
    FittedClustering relabelled =
        new FittedClustering(
            model, renumbered, parents, metrics,
            fit.summary() + ", " + distances.size() + " matched to run " + earlierRun);
    return new Result(relabelled, earlierRun, distances);
  }

  private static Map<Integer, Vector> earlierCentres(LakeWriter lake, String earlierRun, Dataset<Row> featurized) {
    Dataset<Row> assignments;
    try {
      assignments = lake.read(LakeTables.ASSIGNMENTS);
    } catch (Exception e) {
      // Spark's AnalysisException (path not found) is a checked exception to Java.
      throw new TextClusterException(
          "cluster.match-run = \"" + earlierRun + "\" but this lake has no assignments table at "
              + lake.tablePath(LakeTables.ASSIGNMENTS) + ". Name a run written to this output.path, or set "
              + "'cluster.match-run' = \"\".", e);
    }
    Dataset<Row> earlier = assignments.where(col(LakeWriter.RUN_ID).equalTo(earlierRun));
    Map<Integer, Vector> centres =
        EarlierCentres.measure(earlier, featurized, Columns.DOC_ID, Columns.FEATURES).centres();
    if (centres.isEmpty()) {
      throw new TextClusterException(
          "cluster.match-run = \"" + earlierRun + "\" but that run has no assignments in "
              + lake.tablePath(LakeTables.ASSIGNMENTS) + " for any document of this run (matching compares the "
              + "clusters on the documents both runs share). Check the run id, or set 'cluster.match-run' = \"\".");
    }
    return centres;
  }

  public static double cosineDistance(Vector a, Vector b) {
    double dot = 0;
    double[] x = a.toArray();
    double[] y = b.toArray();
    for (int i = 0; i < x.length; i++) {
      dot += x[i] * y[i];
    }
    double norms = Vectors.norm(a, 2) * Vectors.norm(b, 2);
    return norms == 0 ? 1.0 : 1 - dot / norms;
  }
}
