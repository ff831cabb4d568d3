package io.textcluster.cli;

import io.textcluster.config.Environment;
import io.textcluster.config.JobConfig;
import io.textcluster.io.LakeWriter;
import io.textcluster.job.TextClusteringJob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code textcluster run}: one clustering run from a config file into the lake. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
      "Read a corpus, cluster it and write assignments, clusters and the run's record to the lake.",
      "The config is HOCON; every key and its default is documented in conf/defaults.conf."
    })
final class RunCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "HOCON job config: a local file (e.g. conf/examples/bbc_news.conf, /Volumes/...) or any Hadoop "
          + "file system URI the driver reads (s3a://, abfss://, gs://, hdfs://, dbfs:/). Relative input paths in it "
          + "are resolved against the file's folder.")
  String config;

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description = "Id of this run in the lake tables (letters, digits, '_', '-', '.'). Re-running an id replaces "
          + "its rows. Default: a new id from the current time, e.g. 20261123-141503-3f9a.")
  String runId;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override one config key, e.g. --set cluster.k=12 --set output.path=/tmp/lake. Repeatable.")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Override
  public Integer call() {
    // Validated before Spark starts, so a typo costs milliseconds, not a cluster start-up.
    JobConfig jobConfig = ConfigLocation.load(config, overrides);
    jobConfig.requireApiKeys(Environment::variable);
    String id = runId != null ? runId : TextClusteringJob.newRunId();
    LakeWriter.requireValidRunId(id, "--run-id");
    LakeWriter.requireLakeFolder(jobConfig.output().path(), "output.path");
    SparkSession spark = SparkSessions.getOrCreate();
    try {
      TextClusteringJob.run(spark, jobConfig, id);
      return 0;
    } finally {
      SparkSessions.stopUnlessShared(spark);
    }
  }
}
