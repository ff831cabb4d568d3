package io.textcluster.cli;

import io.textcluster.config.InvalidConfigException;
import io.textcluster.config.JobConfig;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Where {@code --config} points: a local path (also Databricks' {@code /Volumes/...} and {@code /dbfs/...} mounts), a
 * {@code file:} URI, or any Hadoop file system URI the driver can read ({@code s3a://}, {@code abfss://}, {@code gs://},
 * {@code hdfs://}, {@code dbfs:/}). The file is read before the job starts, so a typo costs milliseconds, and on the
 * driver itself, so client and cluster modes read the same file without shipping it. The store's settings are the
 * Spark session's Hadoop settings: the running session's when there is one (Databricks), otherwise every
 * {@code spark.hadoop.*} setting of the Spark config (spark-submit --conf, or -D system properties).
 */
final class ConfigLocation {
  private static final String DBFS_MOUNT = "/dbfs";
  /** A job config is a few kilobytes; refusing anything larger catches a --config pointed at a data file. */
  private static final long MAX_BYTES = 4L << 20;
  private static final String HADOOP_PREFIX = "spark.hadoop.";

  private ConfigLocation() {}

  /** Reads, overrides and validates the config at {@code location}. */
  static JobConfig load(String location, Map<String, String> overrides) {
    Path local = localPath(location);
    if (local != null) {
      return JobConfig.load(local, overrides);
    }
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(location);
    String hocon = read(file, location);
    org.apache.hadoop.fs.Path folder = file.getParent();
    return JobConfig.parse(hocon, location, folder == null ? null : folder.toString(), overrides);
  }

  /** The local file for a plain path or file: URI (and dbfs:/ where Databricks mounts it); null for a remote URI. */
  static Path localPath(String location) {
    int colon = location.indexOf(':');
    // "C:\..." is a Windows drive, not a scheme; a scheme has at least two letters.
    if (colon < 2 || location.startsWith("/")) {
      return Path.of(location);
    }
    String scheme = location.substring(0, colon).toLowerCase(Locale.ROOT);
    URI uri = URI.create(location);
    if (scheme.equals("file")) {
      return Path.of(uri);
    }
    if (scheme.equals("dbfs") && Files.isDirectory(Path.of(DBFS_MOUNT))) {
      return Path.of(DBFS_MOUNT + uri.getPath());
    }
    return null;
  }

  private static String read(org.apache.hadoop.fs.Path file, String location) {
    try {
      FileSystem fs = file.getFileSystem(hadoopConfiguration());
      long length = fs.getFileStatus(file).getLen();
      if (length > MAX_BYTES) {
        throw new InvalidConfigException(
            "--config " + location + " is " + length + " bytes: that is not a job config (HOCON, a few kB).");
      }
      try (InputStream in = fs.open(file)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (FileNotFoundException e) {
      throw new InvalidConfigException(
          "Config file " + location + " does not exist; pass an existing HOCON file with --config.");
    } catch (UnsupportedFileSystemException e) {
      throw new InvalidConfigException(
          "--config " + location + ": this driver has no file system for '" + file.toUri().getScheme() + ":' ("
              + e.getMessage() + "). Add its Hadoop connector (hadoop-aws for s3a, hadoop-azure for abfss, "
              + "gcs-connector for gs) to the classpath, or pass a local file.");
    } catch (IOException e) {
      throw new InvalidConfigException(
          "Cannot read --config " + location + ": " + e.getMessage() + ". Check the path and the Spark/Hadoop "
              + "settings for that store (e.g. --conf spark.hadoop.fs.s3a.endpoint=..., credentials from the "
              + "provider chain).");
    }
  }

  /** The Hadoop settings the job's session has, or will have once it starts. */
  static Configuration hadoopConfiguration() {
    scala.Option<SparkSession> running = SparkSession.getActiveSession();
    if (running.isEmpty()) {
      running = SparkSession.getDefaultSession();
    }
    if (running.isDefined()) {
      return running.get().sparkContext().hadoopConfiguration();
    }
    Configuration conf = new Configuration();
    // new SparkConf() reads the spark.* system properties that spark-submit and the local launcher set.
    for (Tuple2<String, String> setting : new SparkConf().getAll()) {
      if (setting._1().startsWith(HADOOP_PREFIX)) {
        conf.set(setting._1().substring(HADOOP_PREFIX.length()), setting._2());
      }
    }
    return conf;
  }
}
