package io.textcluster.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The textcluster command line in a JVM of its own, as a user runs it (the launchers' log4j2 config, local[1]):
 * its whole console (stdout and stderr), its exit code, and optionally a kill (SIGKILL) when a console line matches.
 */
public final class ChildCli {
  /** What the child printed and how it ended; {@code killed} when the trigger line was seen. */
  public record Result(int exitCode, List<String> console, boolean killed) {
    public String text() {
      return String.join("\n", console);
    }

    /** Lines of a printed stack trace ("at ..." frames). */
    public long traceLines() {
      return console.stream().filter(l -> l.strip().startsWith("at ")).count();
    }
  }

  private ChildCli() {}

  public static Result run(Map<String, String> environment, Predicate<String> killWhen, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports") || a.startsWith("-Djdk.reflect"))
        .toList());
    command.addAll(List.of("-Xmx1g", "-Dspark.master=local[1]", "-Dspark.ui.enabled=false",
        "-Dlog4j2.configurationFile=" + Path.of("conf", "log4j2.properties").toAbsolutePath(),
        "-cp", System.getProperty("java.class.path"), "io.textcluster.cli.TextClusterCli"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().remove("TEXTCLUSTER_DEBUG");
    builder.environment().putAll(environment);
    Process child = builder.start();
    List<String> console = new ArrayList<>();
    boolean killed = false;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        console.add(line);
        if (killWhen != null && killWhen.test(line)) {
          child.destroyForcibly();
          killed = true;
          break;
        }
      }
    }
    if (!child.waitFor(5, TimeUnit.MINUTES)) {
      child.destroyForcibly();
    }
    return new Result(child.waitFor(), console, killed);
  }
}
