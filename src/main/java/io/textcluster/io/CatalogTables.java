package io.textcluster.io;

import io.textcluster.config.OutputConfig;
import io.textcluster.config.TextClusterException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Registers the lake's tables in the session's catalog (output.database) so SQL users read them by name, e.g.
 * {@code SELECT * FROM textcluster.assignments}. They are external tables over the lake paths: every write still goes
 * to the path with its run-scoped replace, so the catalog only names what the paths hold and a re-run never
 * duplicates rows. Works with a Hive metastore (or AWS Glue) as {@code db.table} and with Unity Catalog as
 * {@code catalog.schema.table}.
 */
public final class CatalogTables {
  /** The tables SQL users query; caches and models are not tables of the contract. */
  public static final List<String> REGISTERED =
      List.of(LakeTables.ASSIGNMENTS, LakeTables.CLUSTERS, LakeTables.RUNS, LakeTables.CONTINGENCY, LakeTables.SWEEPS,
          LakeTables.CLUSTER_LINEAGE, LakeTables.CLUSTER_TRENDS);

  private final SparkSession spark;
  private final OutputConfig output;

  public CatalogTables(SparkSession spark, OutputConfig output) {
    this.spark = spark;
    this.output = output;
  }

  /** Whether the session's catalog outlives the session; Spark's in-memory catalog forgets tables when it stops. */
  public boolean catalogIsPersistent() {
    return !"in-memory".equals(spark.sparkContext().conf().get("spark.sql.catalogImplementation", "in-memory"));
  }

  /** Registers the tables (see {@link #register()}) and says which, warning when the catalog forgets them. */
  public String registerAndDescribe() {
    List<String> names = register();
    String note = catalogIsPersistent() ? "" : " (in-memory catalog: forgotten when this session ends; "
        + "set spark.sql.catalogImplementation=hive or use a cluster's metastore)";
    return String.join(", ", names) + note;
  }

  /**
   * Creates the database when missing and registers each lake table that exists on the paths. Returns the names
   * registered (or already registered at the same location); nothing when output.database is empty.
   */
  public List<String> register() {
    Optional<String> database = output.database();
    if (database.isEmpty()) {
      return List.of();
    }
    String schema = quoted(database.get());
    spark.sql("CREATE SCHEMA IF NOT EXISTS " + schema);
    List<String> names = new ArrayList<>();
    for (String table : REGISTERED) {
      Optional<String> location = existingLocation(output.tablePath(table));
      if (location.isEmpty()) {
        continue;
      }
      String name = database.get() + "." + table;
      String quotedName = schema + "." + quoted(table);
      if (spark.catalog().tableExists(name)) {
        requireSameLocation(name, quotedName, location.get());
      } else {
        spark.sql("CREATE TABLE IF NOT EXISTS " + quotedName + " USING " + output.format() + " LOCATION '"
            + location.get().replace("'", "\\'") + "'");
      }
      if (OutputConfig.PARQUET.equals(output.format())) {
        // Parquet tables list their run_id partitions in the catalog: add this run's, drop removed ones.
        spark.sql("MSCK REPAIR TABLE " + quotedName + " SYNC PARTITIONS");
      }
      names.add(name);
    }
    return names;
  }

  /** The fully qualified location of a table path that holds a table, e.g. s3a://bucket/lake/runs. */
  private Optional<String> existingLocation(String tablePath) {
    Path path = new Path(tablePath);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path marker = OutputConfig.DELTA.equals(output.format()) ? new Path(path, "_delta_log") : path;
      if (!fs.exists(marker)) {
        return Optional.empty();
      }
      return Optional.of(fs.makeQualified(path).toString());
    } catch (IOException e) {
      throw new TextClusterException(
          "Cannot reach the lake at " + tablePath + ": " + e.getMessage() + ". Check output.path and the "
              + "credentials for its file system.", e);
    }
  }

  /** A name already taken by a table elsewhere would silently show another lake's rows: refuse it. */
  private void requireSameLocation(String name, String quotedName, String location) {
    String registered = null;
    for (Row row : spark.sql("DESCRIBE TABLE EXTENDED " + quotedName).collectAsList()) {
      if ("Location".equals(row.getString(0))) {
        registered = row.getString(1);
      }
    }
    if (registered != null && !sameLocation(registered, location)) {
      throw new TextClusterException(
          "Table " + name + " is registered at " + registered + ", but this run writes " + location + ". Set "
              + "output.database to another database, or output.path to the table's location.");
    }
  }

  static boolean sameLocation(String a, String b) {
    return normalized(a).equals(normalized(b));
  }

  private static String normalized(String location) {
    // Metastores write file:/x, file:///x or file:/x/ for the same folder.
    return location.replaceFirst("^file:///", "file:/").replaceAll("/+$", "");
  }

  private static String quoted(String dottedName) {
    StringBuilder quoted = new StringBuilder();
    for (String part : dottedName.split("\\.")) {
      if (quoted.length() > 0) {
        quoted.append('.');
      }
      quoted.append('`').append(part).append('`');
    }
    return quoted.toString();
  }
}
