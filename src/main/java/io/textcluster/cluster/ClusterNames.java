package io.textcluster.cluster;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;

/**
 * The analyst's cluster names in a fitted model (issue 22), by the ids the model finally writes: the last {@link
 * NamedClusters} stage's names, carried through the stages after it in the order they run. A merge
 * (cluster.reduce-to) joins the names of the clusters it merges with " + "; a renumbering (cluster.match-run) moves
 * each name to its new id. A model without named clusters has none.
 */
public final class ClusterNames {
  private ClusterNames() {}

  public static Map<Integer, String> of(Transformer model) {
    Map<Integer, String> names = new TreeMap<>();
    walk(model, names);
    return names;
  }

  private static void walk(Transformer stage, Map<Integer, String> names) {
    if (stage instanceof ClusteringModel clustering) {
      walk(clustering.assigner(), names);
    } else if (stage instanceof PipelineModel pipeline) {
      for (Transformer inner : pipeline.stages()) {
        walk(inner, names);
      }
    } else if (stage instanceof NamedClusters named) {
      names.clear();
      String[] given = named.getNames();
      for (int id = 0; id < given.length; id++) {
        if (!given[id].isBlank()) {
          names.put(id, given[id]);
        }
      }
    } else if (stage instanceof ClusterMerge merge && !names.isEmpty()) {
      int[] into = merge.getOrDefault(merge.into());
      Map<Integer, Set<String>> merged = new TreeMap<>();
      names.forEach((id, name) -> merged.computeIfAbsent(id < into.length ? into[id] : id, m -> new LinkedHashSet<>())
          .add(name));
      names.clear();
      merged.forEach((id, all) -> names.put(id, String.join(" + ", new ArrayList<>(all))));
    } else if (stage instanceof ClusterIdMapping mapping && !names.isEmpty()) {
      List<Map.Entry<Integer, String>> before = new ArrayList<>(names.entrySet());
      names.clear();
      before.forEach(e -> names.put(mapping.map(e.getKey()), e.getValue()));
    }
  }
}
