package io.textcluster.cli;

import io.textcluster.config.InvalidConfigException;
import io.textcluster.config.JobConfig;
import io.textcluster.config.OutputConfig;
import io.textcluster.config.ReportConfig;
import io.textcluster.report.RunReport;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code textcluster report --run ID}: rebuilds a run's HTML report from the lake tables alone. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
      "Rebuild the interactive HTML report of a run from the lake tables (runs, clusters, assignments, sweeps).",
      "The page is written to <lake>/reports/<run_id>.html and works offline."
    })
final class ReportCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run whose report to build.")
  String runId;

  @Option(names = "--config", paramLabel = "FILE",
      description = "The run's HOCON config (a local file or a Hadoop URI such as s3a://...): its output.path, "
          + "output.format and report.* settings are used.")
  String config;

  @Option(names = "--lake", paramLabel = "PATH",
      description = "The lake folder (output.path of the run) when no --config is given, e.g. lake/bbc_news.")
  String lake;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "delta",
      description = "Table format of --lake: delta or parquet (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() {
    OutputConfig output;
    ReportConfig settings;
    if (config != null == (lake != null)) {
      throw new InvalidConfigException("Give exactly one of --config FILE or --lake PATH to say where the run's "
          + "tables are.");
    }
    if (config != null) {
      JobConfig job = ConfigLocation.load(config, Map.of());
      output = job.output();
      settings = job.report();
    } else {
      if (!format.equals(OutputConfig.DELTA) && !format.equals(OutputConfig.PARQUET)) {
        throw new InvalidConfigException("--format has the value \"" + format + "\", but it must be delta or parquet.");
      }
      output = new OutputConfig(lake, format, false);
      settings = ReportConfig.defaults();
    }
    SparkSession spark = SparkSessions.getOrCreate();
    try {
      String page = new RunReport(spark, output, settings).write(runId);
      System.out.println("[textcluster] report " + page);
      return 0;
    } finally {
      SparkSessions.stopUnlessShared(spark);
    }
  }
}
