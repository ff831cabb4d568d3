package io.textcluster.describe;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * A seeded random sample of each cluster's documents (seed 000 shows five sampled reviews per cluster): the
 * representatives show a cluster's core, a sample shows its breadth. Each document's rank is a hash of its id and the
 * seed, so the same seed gives the same sample on any partitioning; only k x N rows reach the driver.
 */
public final class ClusterSamples {
  private ClusterSamples() {}

  public static Map<Integer, List<Representative>> sample(
      Dataset<Row> assigned,
      String clusterCol,
      String docIdCol,
      String textCol,
      String distanceCol,
      int perCluster,
      int snippetChars,
      long seed) {
    Map<Integer, List<Representative>> result = new TreeMap<>();
    if (perCluster == 0) {
      return result;
    }
    Dataset<Row> sampled =
        assigned
            .withColumn(
                "rank",
                row_number()
                    .over(
                        Window.partitionBy(clusterCol)
                            .orderBy(xxhash64(col(docIdCol), lit(seed)).asc(), col(docIdCol).asc())))
            .filter(col("rank").leq(perCluster))
            .select(
                col(clusterCol),
                col(docIdCol),
                substring(trim(regexp_replace(col(textCol), "\\s+", " ")), 1, snippetChars),
                col(distanceCol),
                col("rank"))
            .orderBy(clusterCol, "rank");
    for (Row row : sampled.collectAsList()) {
      result
          .computeIfAbsent(row.getInt(0), c -> new ArrayList<>())
          .add(new Representative(row.getString(1), row.getString(2), row.getDouble(3)));
    }
    return result;
  }
}
