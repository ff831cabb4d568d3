package io.textcluster.instrument;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
  private final Map<String, Double> seconds = new LinkedHashMap<>();

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

  public Map<String, Double> secondsPerStage() {
    return Map.copyOf(seconds);
  }

  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
