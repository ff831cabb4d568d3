package io.textcluster.job;

import io.textcluster.config.TextClusterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a failed run reports, from any {@link Throwable}. A stage that fails inside a Spark task (the embeddings API
 * giving up, a bad vector in a precomputed column) throws its clear {@link TextClusterException} on an executor; Spark
 * hands it to the driver wrapped in a {@code SparkException} (a checked exception Scala throws undeclared). The user
 * gets the task's own message back, with the Spark failure kept as its cause. A full disk arrives as Hadoop's
 * {@code FSError} (a {@code java.lang.Error}) or an IOException "No space left on device", and is said as such. Any
 * other failure keeps its type and first message line: Spark messages embed whole stack traces, which the console
 * must not show unless asked ({@code --debug}).
 */
public final class RunFailure {
  private static final int MAX_CHARS = 600;

  private RunFailure() {}

  static RuntimeException of(Throwable failure, String outputPath) {
    for (Throwable t : chain(failure)) {
      if (t instanceof TextClusterException clear) {
        return t == failure ? clear : new TextClusterException(clear.getMessage(), failure);
      }
    }
    for (Throwable t : chain(failure)) {
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t.getClass().getName().equals("org.apache.hadoop.fs.FSError") || message.contains("no space left")
          || message.contains("disk quota exceeded")) {
        return new TextClusterException(
            "The disk is full (" + oneLine(t) + "). Free space where 'output.path' points (" + outputPath + ") and "
                + "Spark's scratch folder ('spark.local.dir'), or set 'output.path' to a disk with room; then run "
                + "the same run id again.", failure);
      }
    }
    if (failure instanceof OutOfMemoryError) {
      return new TextClusterException(
          "The driver ran out of memory (" + oneLine(failure) + "). Give it more (spark-submit --driver-memory, or "
              + "TEXTCLUSTER_DRIVER_MEMORY for submit/local.sh) or lower 'cluster.k' and 'features.vocabulary'.",
          failure);
    }
    return failure instanceof RuntimeException unchecked
        ? unchecked
        : new IllegalStateException("The run failed: " + oneLine(failure), failure);
  }

  /**
   * One line naming a failure: its type (for failures that are not textcluster's own) and the first lines of its
   * message, with stack-trace lines dropped (Spark's "Job aborted due to stage failure" messages carry the task's
   * trace) and its root cause added when that says more.
   */
  public static String oneLine(Throwable failure) {
    String own = firstLines(failure.getMessage());
    String text = failure instanceof TextClusterException ? own : failure.getClass().getSimpleName()
        + (own.isEmpty() ? "" : ": " + own);
    Throwable root = failure;
    for (Throwable t : chain(failure)) {
      root = t;
    }
    if (root != failure) {
      String because = firstLines(root.getMessage());
      if (!because.isEmpty() && !text.contains(because)) {
        text += " (caused by " + root.getClass().getSimpleName() + ": " + because + ")";
      }
    }
    return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "..." : text;
  }

  private static String firstLines(String message) {
    if (message == null) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String line : message.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("at ") || trimmed.startsWith("Driver stacktrace") || trimmed.startsWith("...")
          || trimmed.startsWith("Caused by:")) {
        break;
      }
      if (!trimmed.isEmpty()) {
        kept.add(trimmed);
      }
    }
    return String.join(" ", kept);
  }

  private static List<Throwable> chain(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t) && chain.size() < 50; t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }
}
