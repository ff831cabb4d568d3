package io.textcluster.cli;

import io.textcluster.config.InvalidConfigException;
import io.textcluster.config.TextClusterException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into exit codes and messages: a problem the user can fix is printed as one clear message without a
 * stack trace; anything else is a bug or an infrastructure fault and keeps its stack trace.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  static final int RUN_FAILED = 1;
  static final int BAD_CONFIG = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
    if (e instanceof InvalidConfigException) {
      commandLine.getErr().println("textcluster: configuration error: " + e.getMessage());
      return BAD_CONFIG;
    }
    if (e instanceof TextClusterException) {
      commandLine.getErr().println("textcluster: the run failed: " + e.getMessage());
      return RUN_FAILED;
    }
    commandLine.getErr().println("textcluster: the run failed with an unexpected error:");
    e.printStackTrace(commandLine.getErr());
    return RUN_FAILED;
  }
}
