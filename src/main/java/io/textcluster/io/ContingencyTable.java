package io.textcluster.io;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.textcluster.evaluate.LabelContingency;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The contingency table: documents per (label, cluster) of a run with labels, labels x clusters rows built on the
 * driver from the already-collected counts. Only non-zero cells are written (as sklearn's sparse contingency matrix).
 */
public final class ContingencyTable {
  public static final StructType SCHEMA =
      new StructType()
          .add("run_id", StringType, false)
          .add("label", StringType, false)
          .add("cluster_id", IntegerType, false)
          .add("count", LongType, false);

  private ContingencyTable() {}

  public static Dataset<Row> rows(SparkSession spark, String runId, LabelContingency contingency) {
    List<Row> rows = new ArrayList<>();
    long[][] counts = contingency.counts();
    for (int i = 0; i < counts.length; i++) {
      for (int j = 0; j < counts[i].length; j++) {
        if (counts[i][j] > 0) {
          rows.add(
              RowFactory.create(runId, contingency.labels().get(i), contingency.clusters().get(j), counts[i][j]));
        }
      }
    }
    return spark.createDataFrame(rows, SCHEMA).coalesce(1);
  }
}
