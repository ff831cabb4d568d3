package io.textcluster.cli;

import io.textcluster.config.InvalidConfigException;
import io.textcluster.config.TextClusterException;
import io.textcluster.job.RunFailure;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into exit codes and one line each: 2 for a usage or config error, 1 for a run that failed. The
 * stack trace is printed only when asked for ({@code --debug} or {@code TEXTCLUSTER_DEBUG=1}): a user sees what went
 * wrong and which key fixes it, not Spark's internals; a developer can still get the whole trace.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  static final int RUN_FAILED = 1;
  static final int BAD_CONFIG = 2;
  static final String DEBUG_FLAG = "--debug";
  static final String DEBUG_VARIABLE = "TEXTCLUSTER_DEBUG";

  private final boolean debug;

  ErrorReporter(boolean debug) {
    this.debug = debug || "1".equals(System.getenv(DEBUG_VARIABLE)) || "true".equals(System.getenv(DEBUG_VARIABLE));
  }

  boolean debug() {
    return debug;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
    return report(e, commandLine.getErr());
  }

  /** Reports any failure, including a {@link java.lang.Error} that got past the command. */
  int report(Throwable e, PrintWriter err) {
    int code;
    if (e instanceof InvalidConfigException) {
      err.println("textcluster: configuration error: " + RunFailure.oneLine(e));
      code = BAD_CONFIG;
    } else if (e instanceof TextClusterException) {
      err.println("textcluster: the run failed: " + RunFailure.oneLine(e));
      code = RUN_FAILED;
    } else {
      err.println("textcluster: the run failed with an unexpected error: " + RunFailure.oneLine(e));
      code = RUN_FAILED;
    }
    if (debug) {
      e.printStackTrace(err);
    } else if (!(e instanceof TextClusterException)) {
      err.println("textcluster: for the stack trace, run again with " + DEBUG_FLAG + " or " + DEBUG_VARIABLE + "=1.");
    }
    err.flush();
    return code;
  }
}
