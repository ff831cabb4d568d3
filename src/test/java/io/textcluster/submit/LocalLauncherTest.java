package io.textcluster.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * submit/local.sh takes Spark settings as spark-submit does ({@code --conf key=value} before the sub-command). Its dry
 * run prints the java command, so the parsing is checked without building the jar or starting Spark.
 */
class LocalLauncherTest {
  private record Result(int exitCode, String output) {}

  private static Result launch(String... args) throws Exception {
    return launchSized("auto", args);
  }

  private static Result launchSized(String runSize, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", "submit/local.sh"));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TEXTCLUSTER_DRY_RUN", "1");
    builder.environment().remove("TEXTCLUSTER_JAVA_OPTS");
    builder.environment().put("TEXTCLUSTER_RUN_SIZE", runSize);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "local.sh did not finish");
    return new Result(process.exitValue(), output);
  }

  /** The printed command as words (the dry run quotes each word for the shell; these have no spaces). */
  private static List<String> words(String output) {
    return List.of(output.trim().split(" "));
  }

  @Test
  void confSettingsBecomeSparkSettingsAfterTheDefaultsAndTheCommandIsKept() throws Exception {
    Result result = launch(
        "--conf", "spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000",
        "--conf=spark.sql.shuffle.partitions=3",
        "run", "--config", "s3a://bucket/jobs/bbc.conf", "--run-id", "demo");
    assertEquals(0, result.exitCode(), result.output());
    List<String> words = words(result.output());
    int main = words.indexOf("io.textcluster.cli.TextClusterCli");
    assertTrue(main > 0, result.output());
    assertEquals(List.of("run", "--config", "s3a://bucket/jobs/bbc.conf", "--run-id", "demo"),
        words.subList(main + 1, words.size()));
    int endpoint = words.indexOf("-Dspark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000");
    assertTrue(endpoint > 0 && endpoint < main, result.output());
    // The user's setting comes after the launcher's default of the same key, so the JVM keeps the user's.
    assertTrue(words.indexOf("-Dspark.sql.shuffle.partitions=3") > words.indexOf("-Dspark.sql.shuffle.partitions=8"),
        result.output());
    assertTrue(words.indexOf("-Dspark.sql.shuffle.partitions=3") < main, result.output());
  }

  @Test
  void aSmallRunGetsTheQuickCompilerAndNoCodeGenerationUnlessTheUserSetsIt() throws Exception {
    List<String> small = words(launchSized("small",
        "--conf", "spark.sql.codegen.wholeStage=true", "run", "--config", "job.conf").output());
    assertTrue(small.contains("-XX:TieredStopAtLevel=1"), small.toString());
    assertTrue(small.contains("-Dspark.sql.codegen.factoryMode=NO_CODEGEN"), small.toString());
    assertTrue(small.indexOf("-Dspark.sql.codegen.wholeStage=true")
        > small.indexOf("-Dspark.sql.codegen.wholeStage=false"), small.toString());
    // A dry run never starts the JVM that asks, so it is large unless told: the optimising compiler's raised
    // thresholds, Spark's code generation left on.
    List<String> large = words(launch("run", "--config", "job.conf").output());
    assertTrue(large.contains("-XX:Tier4InvocationThreshold=50000"), large.toString());
    assertTrue(large.stream().noneMatch(w -> w.startsWith("-XX:TieredStopAtLevel")
        || w.startsWith("-Dspark.sql.codegen")), large.toString());
  }

  @Test
  void aSettingThatIsNotSparkKeyEqualsValueIsAUsageError() throws Exception {
    Result notSpark = launch("--conf", "fs.s3a.endpoint=http://x", "run");
    assertEquals(2, notSpark.exitCode(), notSpark.output());
    assertTrue(notSpark.output().contains("starting 'spark.'"), notSpark.output());
    Result noValue = launch("--conf");
    assertEquals(2, noValue.exitCode(), noValue.output());
    assertTrue(noValue.output().contains("--conf needs key=value"), noValue.output());
  }

  /** Issue 20: the short-run defaults (JIT thresholds, Delta's log in few tasks) are there and the user's win. */
  @Test
  void shortRunDefaultsComeBeforeTheUsersSettings() throws Exception {
    Result result = launch("--conf", "spark.databricks.delta.snapshotPartitions=16", "run", "--config", "x.conf");
    assertEquals(0, result.exitCode(), result.output());
    List<String> words = words(result.output());
    int main = words.indexOf("io.textcluster.cli.TextClusterCli");
    assertTrue(words.indexOf("-XX:Tier4InvocationThreshold=50000") > 0, result.output());
    assertTrue(words.indexOf("-XX:Tier4InvocationThreshold=50000") < main, result.output());
    int launcherDefault = words.indexOf("-Dspark.databricks.delta.snapshotPartitions=2");
    int users = words.indexOf("-Dspark.databricks.delta.snapshotPartitions=16");
    assertTrue(launcherDefault > 0 && users > launcherDefault && users < main, result.output());
  }

  @Test
  void withoutConfTheArgumentsPassUnchanged() throws Exception {
    Result result = launch("check", "--run", "r1", "--lake", "lake/x");
    assertEquals(0, result.exitCode(), result.output());
    List<String> words = words(result.output());
    int main = words.indexOf("io.textcluster.cli.TextClusterCli");
    assertEquals(List.of("check", "--run", "r1", "--lake", "lake/x"), words.subList(main + 1, words.size()));
  }
}
