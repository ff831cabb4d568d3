package io.textcluster.catalog;

import static org.apache.spark.sql.functions.col;

import com.typesafe.config.ConfigFactory;
import io.textcluster.config.JobConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.job.TextClusteringJob;
import io.textcluster.support.SmallCorpus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The child-JVM side of {@link CatalogTablesTest}: a Spark session with Hive support over an embedded Derby metastore
 * in a folder (as a cluster's metastore, but local), because the test JVM's shared session has Spark's in-memory
 * catalog, fixed when its context started. {@code jobs FOLDER} runs jobs with output.database set and queries the
 * tables with SQL; {@code query FOLDER} only queries, from a new JVM, to show the metastore kept them. Results are
 * printed as {@code [catalog] key=value} lines.
 */
public final class CatalogSession {
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  private CatalogSession() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[1]);
    SparkSession spark =
        SparkSession.builder()
            .appName("textcluster-catalog-test")
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.sql.catalogImplementation", "hive")
            .config("spark.sql.warehouse.dir", folder.resolve("warehouse").toString())
            .config("spark.hadoop.javax.jdo.option.ConnectionURL",
                "jdbc:derby:;databaseName=" + folder.resolve("metastore_db") + ";create=true")
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .getOrCreate();
    try {
      if (args[0].equals("jobs")) {
        jobs(spark, folder);
      }
      print("delta_r1", count(spark, "SELECT count(*) FROM textcluster.assignments WHERE run_id = 'r1'"));
      print("delta_r2", count(spark, "SELECT count(*) FROM textcluster.assignments WHERE run_id = 'r2'"));
      print("delta_clusters_r1", count(spark, "SELECT count(*) FROM textcluster.clusters WHERE run_id = 'r1'"));
      print("delta_runs", count(spark, "SELECT count(*) FROM textcluster.runs WHERE status = 'succeeded'"));
      print("delta_joined", count(spark, "SELECT count(*) FROM textcluster.assignments a JOIN textcluster.clusters c "
          + "ON a.run_id = c.run_id AND a.cluster_id = c.cluster_id WHERE a.run_id = 'r1'"));
      print("parquet_p1", count(spark, "SELECT count(*) FROM textcluster_parquet.assignments WHERE run_id = 'p1'"));
      print("parquet_p2", count(spark, "SELECT count(*) FROM textcluster_parquet.assignments WHERE run_id = 'p2'"));
      print("tables", spark.sql("SHOW TABLES IN textcluster").select("tableName").orderBy("tableName")
          .collectAsList().toString());
    } finally {
      spark.stop();
    }
  }

  private static void jobs(SparkSession spark, Path folder) throws Exception {
    Path csv = SmallCorpus.write(folder.resolve("corpus.csv"), 90, 5);
    Path other = SmallCorpus.write(folder.resolve("other.csv"), 45, 6);
    Path lake = folder.resolve("lake");
    run(spark, csv, lake, "delta", "textcluster", "r1");
    print("first_r1", count(spark, "SELECT count(*) FROM textcluster.assignments WHERE run_id = 'r1'"));
    // Re-running an id replaces its rows, in the registered table too; another id adds its own.
    run(spark, csv, lake, "delta", "textcluster", "r1");
    run(spark, other, lake, "delta", "textcluster", "r2");

    Path parquetLake = folder.resolve("parquet-lake");
    run(spark, csv, parquetLake, "parquet", "textcluster_parquet", "p1");
    run(spark, csv, parquetLake, "parquet", "textcluster_parquet", "p1");
    run(spark, other, parquetLake, "parquet", "textcluster_parquet", "p2");

    // The names are taken by the first lake: a run writing elsewhere must not silently re-point or shadow them.
    try {
      run(spark, other, folder.resolve("another-lake"), "delta", "textcluster", "x1");
      print("conflict", "none");
    } catch (TextClusterException e) {
      print("conflict", e.getMessage());
    }
    print("conflict_run_status", String.valueOf(spark.read().format("delta")
        .load(folder.resolve("another-lake").resolve("runs").toString())
        .where(col("run_id").equalTo("x1")).select("status").first().getString(0)));
  }

  private static void run(SparkSession spark, Path csv, Path lake, String format, String database, String runId) {
    String hocon = SmallCorpus.config(csv, lake, 3)
        + "output { format = " + format + ", database = \"" + database + "\", save-model = false }\n"
        + "report.enabled = false\n";
    JobConfig config = JobConfig.fromConfig(ConfigFactory.parseString(hocon), csv.getParent());
    TextClusteringJob.run(spark, config, runId, QUIET);
  }

  private static String count(SparkSession spark, String sql) {
    return String.valueOf(spark.sql(sql).first().getLong(0));
  }

  private static void print(String key, String value) {
    System.out.println("[catalog] " + key + "=" + value.replace('\n', ' '));
  }
}
