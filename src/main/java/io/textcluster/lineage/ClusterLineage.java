package io.textcluster.lineage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Where each cluster of a re-fit comes from: the earlier run's clusters it draws its documents from (by shared
 * doc_id), and one event per cluster. The two runs' assignments are joined on doc_id and counted per
 * (cluster, earlier cluster) in one aggregation; only those at most (k + 1) x (k' + 1) counts reach the driver.
 *
 * <p>A link counts when it carries at least {@code minShare} of the cluster's documents (its sources) or of the
 * earlier cluster's documents (its successors). Events: <b>born</b> no source; <b>merged</b> two or more sources;
 * <b>split</b> one source that has two or more successors; <b>continued</b> one source with one successor;
 * <b>died</b> an earlier cluster with no successor (written with a null cluster_id). Noise (-1) counts as no cluster.
 */
public final class ClusterLineage {
  public static final String CONTINUED = "continued";
  public static final String BORN = "born";
  public static final String DIED = "died";
  public static final String SPLIT = "split";
  public static final String MERGED = "merged";
  /** In the order the console names them: changes first. */
  public static final List<String> EVENTS = List.of(BORN, SPLIT, MERGED, DIED, CONTINUED);

  /** run_id, cluster_id, earlier_run_id, earlier_cluster_id, documents, share, earlier_share, event. */
  public static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("cluster_id", DataTypes.IntegerType, true)
          .add("earlier_run_id", DataTypes.StringType, false)
          .add("earlier_cluster_id", DataTypes.IntegerType, true)
          .add("documents", DataTypes.LongType, false)
          .add("share", DataTypes.DoubleType, true)
          .add("earlier_share", DataTypes.DoubleType, true)
          .add("event", DataTypes.StringType, false);

  /** The result: the table's rows (few: links between clusters) and the count of each event. */
  public record Result(List<Row> rows, Map<String, Integer> events) {
    /** "2 clusters born, 1 split, 5 continued": events that happened, in a fixed order. */
    public String summary() {
      List<String> parts = new ArrayList<>();
      for (String event : EVENTS) {
        int n = events.getOrDefault(event, 0);
        if (n > 0) {
          parts.add(parts.isEmpty() ? n + (n == 1 ? " cluster " : " clusters ") + event : n + " " + event);
        }
      }
      return parts.isEmpty() ? "no clusters" : String.join(", ", parts);
    }

    public Dataset<Row> table(SparkSession spark) {
      return spark.createDataFrame(rows, SCHEMA);
    }

    /** lineage_born, lineage_split, ... for the runs table. */
    public Map<String, Double> metrics() {
      Map<String, Double> metrics = new LinkedHashMap<>();
      EVENTS.forEach(e -> metrics.put("lineage_" + e, (double) events.getOrDefault(e, 0)));
      return metrics;
    }
  }

  private ClusterLineage() {}

  /**
   * @param current this run's (doc_id, cluster_id)
   * @param earlier the earlier run's (doc_id, cluster_id)
   * @param minShare the share of a cluster's documents that makes a link count (0 &lt; minShare &le; 0.5)
   */
  public static Result compute(
      String runId, Dataset<Row> current, String earlierRunId, Dataset<Row> earlier, String docId, String clusterId,
      double minShare) {
    Dataset<Row> now = current.where(col(clusterId).geq(0)).select(col(docId), col(clusterId).as("c"));
    Dataset<Row> before = earlier.where(col(clusterId).geq(0)).select(col(docId), col(clusterId).as("e"));
    // A full outer join: documents new in this run have e = null, documents gone from it have c = null.
    List<Row> counts =
        now.join(before, now.col(docId).equalTo(before.col(docId)), "full_outer")
            .groupBy(col("c"), col("e"))
            .agg(count(lit(1)).as("n"))
            .collectAsList();
    Map<Integer, Long> clusterSize = new TreeMap<>();
    Map<Integer, Long> earlierSize = new TreeMap<>();
    Map<Integer, Map<Integer, Long>> links = new TreeMap<>();
    Map<Integer, Long> newDocuments = new TreeMap<>();
    Map<Integer, Long> goneDocuments = new TreeMap<>();
    for (Row row : counts) {
      Integer c = row.isNullAt(0) ? null : row.getInt(0);
      Integer e = row.isNullAt(1) ? null : row.getInt(1);
      long n = row.getLong(2);
      if (c != null) {
        clusterSize.merge(c, n, Long::sum);
      }
      if (e != null) {
        earlierSize.merge(e, n, Long::sum);
      }
      if (c != null && e != null) {
        links.computeIfAbsent(c, x -> new TreeMap<>()).put(e, n);
      } else if (c != null) {
        newDocuments.put(c, n);
      } else if (e != null) {
        goneDocuments.put(e, n);
      }
    }
    Map<Integer, List<Integer>> sources = new TreeMap<>();
    Map<Integer, List<Integer>> successors = new TreeMap<>();
    links.forEach((c, from) -> from.forEach((e, n) -> {
      if ((double) n / clusterSize.get(c) >= minShare) {
        sources.computeIfAbsent(c, x -> new ArrayList<>()).add(e);
      }
      if ((double) n / earlierSize.get(e) >= minShare) {
        successors.computeIfAbsent(e, x -> new ArrayList<>()).add(c);
      }
    }));
    List<Row> rows = new ArrayList<>();
    Map<String, Integer> events = new LinkedHashMap<>();
    for (int c : clusterSize.keySet()) {
      List<Integer> from = sources.getOrDefault(c, List.of());
      String event;
      if (from.isEmpty()) {
        event = BORN;
      } else if (from.size() >= 2) {
        event = MERGED;
      } else if (successors.getOrDefault(from.get(0), List.of()).size() >= 2) {
        event = SPLIT;
      } else {
        event = CONTINUED;
      }
      events.merge(event, 1, Integer::sum);
      double size = clusterSize.get(c);
      links.getOrDefault(c, Map.of()).forEach((e, n) ->
          rows.add(RowFactory.create(runId, c, earlierRunId, e, n, n / size, (double) n / earlierSize.get(e), event)));
      Long fresh = newDocuments.get(c);
      if (fresh != null) {
        // Documents this run has and the earlier one had not (or had as noise): earlier_cluster_id is null.
        rows.add(RowFactory.create(runId, c, earlierRunId, null, fresh, fresh / size, null, event));
      }
    }
    for (int e : new TreeSet<>(earlierSize.keySet())) {
      if (!successors.containsKey(e)) {
        events.merge(DIED, 1, Integer::sum);
        long gone = goneDocuments.getOrDefault(e, 0L);
        // earlier_share: the part of the earlier cluster that left the corpus (the rest dispersed into the links).
        rows.add(RowFactory.create(runId, null, earlierRunId, e, gone, null, (double) gone / earlierSize.get(e), DIED));
      }
    }
    return new Result(rows, events);
  }

  /** The console line: "[textcluster] lineage   against run X: 2 clusters born, 1 split". */
  public static String consoleLine(String earlierRunId, Result result) {
    return String.format(Locale.ROOT, "[textcluster] lineage   against run %s: %s", earlierRunId, result.summary());
  }
}
