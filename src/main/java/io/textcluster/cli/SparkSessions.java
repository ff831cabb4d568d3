package io.textcluster.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Gets the session the environment provides. The master, memory and cores come from spark-submit, the cluster
 * manager or the local launcher; only the Delta Lake extensions are added here when the session does not have them.
 */
final class SparkSessions {
  private static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  private static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";
  private static final String DATABRICKS_CLUSTER_ID = "spark.databricks.clusterUsageTags.clusterId";

  private SparkSessions() {}

  static SparkSession getOrCreate() {
    SparkConf conf = new SparkConf();
    SparkSession.Builder builder = SparkSession.builder().appName("textcluster");
    if (!conf.contains("spark.sql.extensions")) {
      builder = builder.config("spark.sql.extensions", DELTA_EXTENSION);
    }
    if (!conf.contains("spark.sql.catalog.spark_catalog")) {
      builder = builder.config("spark.sql.catalog.spark_catalog", DELTA_CATALOG);
    }
    return builder.getOrCreate();
  }

  /** Databricks shares one session between jobs on a cluster: stopping it there breaks the next task. */
  static void stopUnlessShared(SparkSession spark) {
    if (!onDatabricks()) {
      spark.stop();
    }
  }

  /**
   * True inside a Databricks driver: the runtime sets DATABRICKS_RUNTIME_VERSION, and a jar task starts after the
   * cluster's own session exists, whose conf names the cluster. Either is enough, so a job whose environment is
   * stripped (a custom container, an init script) is still recognised.
   */
  static boolean onDatabricks() {
    if (System.getenv("DATABRICKS_RUNTIME_VERSION") != null || System.getProperty(DATABRICKS_CLUSTER_ID) != null) {
      return true;
    }
    scala.Option<SparkSession> session = SparkSession.getDefaultSession();
    return session.isDefined() && session.get().conf().contains(DATABRICKS_CLUSTER_ID);
  }
}
