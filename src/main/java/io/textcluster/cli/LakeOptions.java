package io.textcluster.cli;

import io.textcluster.config.OutputConfig;
import picocli.CommandLine.Option;

/** The --lake and --format options of the commands that read a run back from the lake (check, export, predict). */
final class LakeOptions {
  @Option(
      names = "--lake",
      required = true,
      paramLabel = "PATH",
      description = "The lake the run wrote to: its output.path (any Hadoop file system: hdfs://, s3a://, dbfs:/).")
  String path;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = OutputConfig.DELTA,
      description = "The lake's table format, as in output.format: delta (default) or parquet.")
  String format;
}
