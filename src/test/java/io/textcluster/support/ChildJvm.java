package io.textcluster.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a JVM of its own with the test classpath, as a launcher would (settings as -D system
 * properties). For what the shared test session cannot do: a command that stops its session, or a session with
 * another catalog.
 */
public final class ChildJvm {
  /** What the child printed (stdout and stderr) and its exit code. */
  public record Result(int exitCode, String output) {}

  private ChildJvm() {}

  public static Result run(Path workDir, Map<String, String> systemProperties, String mainClass, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The Java 17 opens Spark needs, exactly as surefire passed them to this JVM.
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect")).toList());
    command.add("-Xmx1500m");
    command.add("-Duser.timezone=UTC");
    systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(args);
    Path log = Files.createTempFile(workDir, "child", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.directory(Path.of("").toAbsolutePath().toFile());
    Process process = builder.start();
    if (!process.waitFor(15, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(mainClass + " did not finish in 15 minutes: " + Files.readString(log));
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
