package io.textcluster.trends;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.when;

import io.textcluster.config.TextClusterException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import scala.collection.JavaConverters;

/**
 * How clusters move over time: documents and share of each cluster per period (day, week or month) of a time column,
 * and the clusters whose share grows fastest flagged as emerging. Documents are counted in one aggregation per
 * (period, cluster); everything after works on those periods x k rows. Shares include noise (-1) so they sum to 1
 * per period; noise is never flagged emerging. Periods where a cluster has no document count as share 0.
 */
public final class ClusterTrends {
  public static final String PERIOD = "period";

  /** The table's rows, and how many documents had no usable time (null or not a time) and were left out. */
  public record Result(Dataset<Row> rows, List<Integer> emerging, long untimedDocuments) {
    /** "clusters 4, 7 emerging (month)" for the console. */
    public String summary(String period) {
      return (emerging.isEmpty() ? "no cluster emerging" : "emerging: cluster" + (emerging.size() > 1 ? "s " : " ")
          + emerging.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")))
          + " (share per " + period + ")" + (untimedDocuments > 0 ? ", " + untimedDocuments + " documents without "
          + "a time left out" : "");
    }
  }

  private ClusterTrends() {}

  /**
   * @param assigned documents with {@code clusterId} and the raw {@code timeColumn}
   * @param period day | week | month
   * @param emerging how many clusters with the fastest-growing share (slope above 0) to flag
   */
  public static Result compute(
      String runId, Dataset<Row> assigned, String clusterId, String timeColumn, String period, int emerging) {
    if (!List.of(assigned.columns()).contains(timeColumn)) {
      throw new TextClusterException(
          "input.time-column = \"" + timeColumn + "\" but the input has no such column. Name one of its columns "
              + "holding a timestamp, date or epoch seconds, or set 'input.time-column' = null.");
    }
    Column time = asTimestamp(col("`" + timeColumn + "`"), assigned.schema().apply(timeColumn).dataType(), timeColumn);
    Dataset<Row> aggregated =
        assigned
            .select(col(clusterId).as("cluster_id"), date_trunc(period, time).cast(DataTypes.DateType).as(PERIOD))
            .groupBy(PERIOD, "cluster_id")
            .agg(count(lit(1)).as("documents"));
    // periods x k rows (null period: documents without a usable time), never per document.
    List<Row> all = aggregated.collectAsList();
    List<Row> timed = new ArrayList<>();
    long untimed = 0;
    for (Row row : all) {
      if (row.isNullAt(0)) {
        untimed += row.getLong(2);
      } else {
        timed.add(row);
      }
    }
    SparkSession spark = assigned.sparkSession();
    Dataset<Row> counted = spark.createDataFrame(timed, aggregated.schema());
    // Every (period, cluster) pair, zero where a cluster had no document that period: a trend needs its zeros.
    Dataset<Row> grid =
        counted.select(PERIOD).distinct().crossJoin(counted.select("cluster_id").distinct())
            .join(counted, JavaConverters.asScalaBuffer(List.of(PERIOD, "cluster_id")).toSeq(), "left")
            .na().fill(0L, new String[] {"documents"});
    Dataset<Row> shares =
        grid.withColumn("share", col("documents").divide(sum("documents").over(Window.partitionBy(PERIOD))))
            .crossJoin(counted.agg(min(PERIOD).as("first_period")))
            .withColumn("x", periodsSince(period, col(PERIOD), col("first_period")))
            .drop("first_period");
    Dataset<Row> slope = shares.groupBy("cluster_id").agg(expr("regr_slope(share, x)").as("share_growth"));
    List<Integer> flagged = fastestGrowing(slope.collectAsList(), emerging);
    Dataset<Row> rows =
        shares.join(slope, "cluster_id")
            .select(
                lit(runId).as("run_id"), col("cluster_id"), col(PERIOD), col("documents"), col("share"),
                col("share_growth"),
                flagged.isEmpty() ? lit(false).as("emerging")
                    : col("cluster_id").isin(flagged.toArray()).as("emerging"));
    return new Result(rows, flagged, untimed);
  }

  /** Least-squares slope of share per period, above 0, largest first; noise and single-period data never emerge. */
  static List<Integer> fastestGrowing(List<Row> slopes, int emerging) {
    List<Row> growing = new ArrayList<>();
    for (Row row : slopes) {
      if (row.getInt(0) >= 0 && !row.isNullAt(1) && row.getDouble(1) > 0) {
        growing.add(row);
      }
    }
    growing.sort((a, b) -> Double.compare(b.getDouble(1), a.getDouble(1)));
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < Math.min(emerging, growing.size()); i++) {
      ids.add(growing.get(i).getInt(0));
    }
    return ids;
  }

  /** Timestamps, dates, epoch seconds (numbers) and strings Spark can cast; anything else names the key. */
  static Column asTimestamp(Column column, DataType type, String name) {
    if (type.equals(DataTypes.TimestampType) || type.equals(DataTypes.TimestampNTZType)) {
      return column.cast(DataTypes.TimestampType);
    }
    if (type.equals(DataTypes.DateType)) {
      return column.cast(DataTypes.TimestampType);
    }
    if (type instanceof NumericType) {
      return timestamp_seconds(column.cast(DataTypes.LongType));
    }
    if (type.equals(DataTypes.StringType)) {
      // CSV reads epoch seconds as text unless schema inference is on: digits are epoch seconds.
      return when(column.rlike("^\\s*-?\\d+\\s*$"), timestamp_seconds(column.cast(DataTypes.LongType)))
          .otherwise(to_timestamp(column));
    }
    throw new TextClusterException(
        "input.time-column = \"" + name + "\" holds " + type.simpleString() + ", not a time: name a column of "
            + "timestamps, dates, epoch seconds or date strings, or set 'input.time-column' = null.");
  }

  private static Column periodsSince(String period, Column at, Column first) {
    switch (period) {
      case "month":
        return months_between(at, first);
      case "week":
        return datediff(at, first).divide(7.0);
      default:
        return datediff(at, first).cast(DataTypes.DoubleType);
    }
  }
}
