package io.textcluster.instrument;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.spark.SparkContext;

/**
 * Runs the job's stages one after another: prints what each is doing, how many rows it produced and how long it took,
 * records the seconds per stage for the runs table, and tags the stage's Spark jobs with a job group so the Spark UI
 * shows which stage each job belongs to.
 */
public final class StageProgress {
  private final PrintStream console;
  private final SparkContext sparkContext;
  private final String runId;
  /** Written by a stage running beside another ({@link #runBeside}) too. */
  private final Map<String, Double> seconds = Collections.synchronizedMap(new LinkedHashMap<>());

  public StageProgress(PrintStream console, SparkContext sparkContext, String runId) {
    this.console = console;
    this.sparkContext = sparkContext;
    this.runId = runId;
  }

  /** A stage's result and the line that describes it (e.g. "2,225 documents"). */
  public record Outcome<T>(T value, String summary) {}

  /** A stage's work; it may throw anything, which the run lifecycle turns into the run's failure. */
  public interface Work<T> {
    Outcome<T> get() throws Exception;
  }

  public <T> T run(String stage, String doing, Work<T> work) throws Exception {
    console.printf(Locale.ROOT, "[textcluster] %-9s %s ...%n", stage, doing);
    sparkContext.setJobGroup("textcluster-" + runId + "-" + stage, "textcluster " + stage + ": " + doing, false);
    long start = System.nanoTime();
    try {
      Outcome<T> outcome = work.get();
      double elapsed = (System.nanoTime() - start) / 1e9;
      seconds.put(stage, elapsed);
      console.printf(Locale.ROOT, "[textcluster] %-9s %s (%.1f s)%n", stage, outcome.summary(), elapsed);
      return outcome.value();
    } catch (Throwable e) {
      seconds.put(stage, (System.nanoTime() - start) / 1e9);
      console.printf(Locale.ROOT, "[textcluster] %-9s failed after %.1f s%n", stage, seconds.get(stage));
      throw e;
    } finally {
      sparkContext.clearJobGroup();
    }
  }

  /**
   * Starts a stage on its own thread, beside the stages that follow on this one (e.g. the map's layout, which runs on
   * one driver core, beside describe's and evaluate's Spark tasks). The thread inherits this thread's Spark local
   * properties and sets its own job group. {@link Beside#join} waits for it and rethrows its failure.
   */
  public <T> Beside<T> runBeside(String stage, String doing, Work<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(run(stage, doing, work));
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            },
            "textcluster-" + stage);
    thread.setDaemon(true);
    thread.start();
    return new Beside<>(result);
  }

  /** A stage running on its own thread. */
  public static final class Beside<T> {
    private final CompletableFuture<T> result;

    private Beside(CompletableFuture<T> result) {
      this.result = result;
    }

    /** Its result, once it has finished; its failure is thrown as it was thrown. */
    public T join() throws Exception {
      try {
        return result.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Exception cause) {
          throw cause;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw e;
      }
    }

    /** Waits for it to finish whatever its outcome, so nothing of a failed run keeps running behind it. */
    public void settle() {
      try {
        result.handle((value, failure) -> null).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        // handle() never completes exceptionally.
      }
    }
  }

  public Map<String, Double> secondsPerStage() {
    synchronized (seconds) {
      return Map.copyOf(seconds);
    }
  }

  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
