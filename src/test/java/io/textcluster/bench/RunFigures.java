package io.textcluster.bench;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Prints a finished run's record from the lake as "key value" pairs for the benchmark scripts: documents, every metric,
 * and each stage's seconds as stage_NAME. Usage: RunFigures LAKE_PATH RUN_ID
 */
public final class RunFigures {
  private RunFigures() {}

  public static void main(String[] args) {
    SparkSession spark =
        SparkSession.builder()
            .appName("textcluster-run-figures")
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .getOrCreate();
    List<Row> rows =
        spark.read().format("delta").load(args[0] + "/runs").where(col("run_id").equalTo(args[1])).collectAsList();
    if (rows.size() != 1 || !"succeeded".equals(rows.get(0).getAs("status"))) {
      throw new IllegalStateException("Run " + args[1] + " did not succeed in " + args[0] + ": " + rows);
    }
    Row run = rows.get(0);
    StringBuilder out = new StringBuilder("documents " + run.<Long>getAs("documents"));
    Map<String, Double> metrics = run.getJavaMap(run.fieldIndex("metrics"));
    metrics.forEach((k, v) -> out.append(String.format(Locale.ROOT, " %s %.6f", k, v)));
    Map<String, Double> stages = run.getJavaMap(run.fieldIndex("stage_seconds"));
    stages.forEach((k, v) -> out.append(String.format(Locale.ROOT, " stage_%s %.1f", k, v)));
    System.out.println(out);
    spark.stop();
  }
}
