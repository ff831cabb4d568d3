package io.textcluster.describe;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Each cluster's documents to show, from one pass keeping bounded lists per cluster ({@link NearestAndSampled}): the
 * representatives (nearest the centre: its core, ties broken by doc_id so runs repeat exactly) and a seeded sample
 * (seed 000 shows five sampled reviews per cluster: its breadth). A document's sample rank is a hash of its id and
 * the seed, so the same seed gives the same sample on any partitioning. Only k x (representatives + samples) rows
 * reach the driver. Documents without a distance (density noise, which has no centre) are shown in neither.
 */
public final class ClusterDocuments {
  /** The representatives and the sample of every cluster, by cluster id. */
  public record Result(Map<Integer, List<Representative>> representatives, Map<Integer, List<Representative>> samples) {}

  private ClusterDocuments() {}

  /**
   * @param texts the documents' texts by {@code docIdCol} (the corpus: the clustered rows do not carry the raw text,
   *     issue 20); only the chosen ids are read from it
   */
  public static Result select(
      Dataset<Row> assigned,
      Dataset<Row> texts,
      String clusterCol,
      String docIdCol,
      String textCol,
      String distanceCol,
      int representatives,
      int samples,
      int snippetChars,
      long seed) {
    if (representatives == 0 && samples == 0) {
      return new Result(Map.of(), Map.of());
    }
    Dataset<Row> keys =
        assigned
            .filter(col(distanceCol).isNotNull())
            .select(col(clusterCol), col(docIdCol), col(distanceCol), xxhash64(col(docIdCol), lit(seed)));
    NearestAndSampled chosen =
        keys.javaRDD()
            .mapPartitions(rows -> List.of(NearestAndSampled.ofPartition(rows, representatives, samples)).iterator())
            .treeAggregate(
                new NearestAndSampled(representatives, samples), NearestAndSampled::merge, NearestAndSampled::merge, 2);
    // Only the chosen documents' texts are read: k x (representatives + samples) rows at most.
    Set<String> ids = new HashSet<>();
    chosen.nearest().values().forEach(list -> list.forEach(c -> ids.add(c.docId())));
    chosen.sampled().values().forEach(list -> list.forEach(c -> ids.add(c.docId())));
    Map<String, String> snippets = new HashMap<>();
    if (!ids.isEmpty()) {
      texts
          .filter(col(docIdCol).isin(ids.toArray()))
          .select(col(docIdCol), substring(trim(regexp_replace(col(textCol), "\\s+", " ")), 1, snippetChars))
          .collectAsList()
          .forEach(row -> snippets.put(row.getString(0), row.getString(1)));
    }
    return new Result(shown(chosen.nearest(), snippets), shown(chosen.sampled(), snippets));
  }

  private static Map<Integer, List<Representative>> shown(
      Map<Integer, List<NearestAndSampled.Candidate>> chosen, Map<String, String> snippets) {
    Map<Integer, List<Representative>> result = new TreeMap<>();
    chosen.forEach(
        (cluster, candidates) -> {
          if (!candidates.isEmpty()) {
            result.put(
                cluster,
                candidates.stream()
                    .map(c -> new Representative(c.docId(), snippets.get(c.docId()), c.distance()))
                    .toList());
          }
        });
    return result;
  }
}
