package io.textcluster.io;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import io.textcluster.config.InputConfig;
import io.textcluster.config.TextClusterException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** Documents sharing an id: a fatal input error, or the first of each kept (per input.duplicate-ids). */
final class DuplicateIds {
  static final String FAIL = "fail";
  static final String KEEP_FIRST = "keep-first";
  private static final int EXAMPLES = 5;

  private DuplicateIds() {}

  static Dataset<Row> resolve(Dataset<Row> documents, InputCounts counts, InputConfig input) {
    if (input.duplicateIds().equals(FAIL)) {
      List<String> examples =
          documents
              .groupBy(Columns.DOC_ID)
              .agg(count(lit(1)).as("n"))
              .filter(col("n").gt(1))
              .orderBy(Columns.DOC_ID)
              .limit(EXAMPLES)
              .collectAsList()
              .stream()
              .map(r -> r.getString(0))
              .collect(Collectors.toList());
      throw new TextClusterException(
          counts.duplicateIdRows() + " rows repeat an id of 'input.id-column' (e.g. " + String.join(", ", examples)
              + "). Fix the input, or set input.duplicate-ids = keep-first to keep the first row of each id.");
    }
    // "First" must not depend on partitioning: the row with the smallest text wins, the same on every run.
    return documents
        .withColumn(
            "_dup_rank",
            row_number().over(Window.partitionBy(Columns.DOC_ID).orderBy(col(Columns.TEXT).asc_nulls_last())))
        .filter(col("_dup_rank").equalTo(1))
        .drop("_dup_rank");
  }
}
