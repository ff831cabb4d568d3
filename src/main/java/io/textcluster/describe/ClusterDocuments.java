package io.textcluster.describe;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Each cluster's documents to show, from one window pass over the documents partitioned by cluster: the
 * representatives (nearest the centre: its core, ties broken by doc_id so runs repeat exactly) and a seeded sample
 * (seed 000 shows five sampled reviews per cluster: its breadth). A document's sample rank is a hash of its id and
 * the seed, so the same seed gives the same sample on any partitioning. Only k x (representatives + samples) rows
 * reach the driver. Documents without a distance (density noise, which has no centre) are shown in neither.
 */
public final class ClusterDocuments {
  /** The representatives and the sample of every cluster, by cluster id. */
  public record Result(Map<Integer, List<Representative>> representatives, Map<Integer, List<Representative>> samples) {}

  private ClusterDocuments() {}

  public static Result select(
      Dataset<Row> assigned,
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
    WindowSpec byCluster = Window.partitionBy(clusterCol);
    List<Row> rows =
        assigned
            .filter(col(distanceCol).isNotNull())
            .withColumn("near", row_number().over(byCluster.orderBy(col(distanceCol).asc(), col(docIdCol).asc())))
            .withColumn(
                "sampled",
                row_number().over(byCluster.orderBy(xxhash64(col(docIdCol), lit(seed)).asc(), col(docIdCol).asc())))
            .filter(col("near").leq(representatives).or(col("sampled").leq(samples)))
            .select(
                col(clusterCol),
                col(docIdCol),
                substring(trim(regexp_replace(col(textCol), "\\s+", " ")), 1, snippetChars),
                col(distanceCol),
                col("near"),
                col("sampled"))
            .collectAsList();
    return new Result(ranked(rows, 4, representatives), ranked(rows, 5, samples));
  }

  /** The rows whose rank (at {@code rankAt}) is within {@code limit}, per cluster in rank order. */
  private static Map<Integer, List<Representative>> ranked(List<Row> rows, int rankAt, int limit) {
    Map<Integer, List<Representative>> result = new TreeMap<>();
    rows.stream()
        .filter(row -> row.getInt(rankAt) <= limit)
        .sorted(Comparator.<Row>comparingInt(row -> row.getInt(0)).thenComparingInt(row -> row.getInt(rankAt)))
        .forEach(row -> result.computeIfAbsent(row.getInt(0), c -> new ArrayList<>()).add(representative(row)));
    return result;
  }

  private static Representative representative(Row row) {
    return new Representative(row.getString(1), row.getString(2), row.getDouble(3));
  }
}
