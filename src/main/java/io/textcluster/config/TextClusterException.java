package io.textcluster.config;

/**
 * A problem the user can fix: a bad config value, a missing column, an unreadable input. Its message names the problem
 * and the fix, and the CLI prints it without a stack trace and exits non-zero.
 */
public class TextClusterException extends RuntimeException {
  public TextClusterException(String message) {
    super(message);
  }

  public TextClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
