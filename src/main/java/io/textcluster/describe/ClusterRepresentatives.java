package io.textcluster.describe;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** The documents nearest each cluster's centre (ties broken by doc_id, so runs repeat exactly). */
public final class ClusterRepresentatives {
  private ClusterRepresentatives() {}

  public static Map<Integer, List<Representative>> nearest(
      Dataset<Row> assigned,
      String clusterCol,
      String docIdCol,
      String textCol,
      String distanceCol,
      int perCluster,
      int snippetChars) {
    Map<Integer, List<Representative>> result = new TreeMap<>();
    if (perCluster == 0) {
      return result;
    }
    Dataset<Row> nearest =
        assigned
            .withColumn(
                "rank",
                row_number()
                    .over(Window.partitionBy(clusterCol).orderBy(col(distanceCol).asc(), col(docIdCol).asc())))
            .filter(col("rank").leq(perCluster))
            .select(
                col(clusterCol),
                col(docIdCol),
                substring(trim(regexp_replace(col(textCol), "\\s+", " ")), 1, snippetChars),
                col(distanceCol),
                col("rank"))
            .orderBy(clusterCol, "rank");
    for (Row row : nearest.collectAsList()) {
      result
          .computeIfAbsent(row.getInt(0), c -> new ArrayList<>())
          .add(new Representative(row.getString(1), row.getString(2), row.getDouble(3)));
    }
    return result;
  }
}
