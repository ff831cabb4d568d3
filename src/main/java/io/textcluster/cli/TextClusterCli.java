package io.textcluster.cli;

import io.textcluster.io.Versions;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code textcluster run --config FILE [--run-id ID] [--set key=value ...]}. It only parses arguments
 * and gets the Spark session; the master and memory come from spark-submit or the local launcher, never from here.
 */
@Command(
    name = "textcluster",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    versionProvider = TextClusterCli.VersionProvider.class,
    description = "Cluster text corpora from a data lake on Apache Spark; results are written back as tables.",
    subcommands = {RunCommand.class, PredictCommand.class, CheckCommand.class, ExportCommand.class, ReportCommand.class, CommandLine.HelpCommand.class})
public final class TextClusterCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int exitCode = execute(args);
    // Databricks jar tasks must not call System.exit (it kills the shared driver); a thrown exception is how a task
    // fails there, and the message printed above says why.
    if (SparkSessions.onDatabricks()) {
      if (exitCode != 0) {
        throw new IllegalStateException("textcluster " + String.join(" ", args) + " ended with exit code " + exitCode);
      }
      return;
    }
    System.exit(exitCode);
  }

  /** Runs the command line and returns its exit code: 0 done, 1 the run failed, 2 bad arguments or config. */
  public static int execute(String... args) {
    // --debug may stand anywhere on the line (before or after the sub-command): it only asks for stack traces.
    boolean debug = java.util.Arrays.asList(args).contains(ErrorReporter.DEBUG_FLAG);
    String[] rest = java.util.Arrays.stream(args).filter(a -> !a.equals(ErrorReporter.DEBUG_FLAG))
        .toArray(String[]::new);
    ErrorReporter reporter = new ErrorReporter(debug);
    if (reporter.debug()) {
      // conf/log4j2.properties keeps stack traces off the console unless asked for: set before log4j starts.
      System.setProperty("textcluster.debug", "true");
      org.apache.logging.log4j.core.config.Configurator.setLevel(
          "org.apache.spark.scheduler.TaskSetManager", org.apache.logging.log4j.Level.WARN);
      org.apache.logging.log4j.core.config.Configurator.setLevel(
          "org.apache.spark.ml.util.Instrumentation", org.apache.logging.log4j.Level.ERROR);
    }
    CommandLine commandLine = new CommandLine(new TextClusterCli());
    commandLine.setExecutionExceptionHandler(reporter);
    try {
      return commandLine.execute(rest);
    } catch (Throwable escaped) {
      // picocli hands only Exceptions to the handler; a java.lang.Error from outside a run's lifecycle lands here.
      return reporter.report(escaped, commandLine.getErr());
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"textcluster " + Versions.textcluster()};
    }
  }
}
