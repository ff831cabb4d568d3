package io.textcluster.deploy;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on 127.0.0.1: one master and two workers, each its own JVM, started from the
 * project's own dependency jars (a folder used as SPARK_HOME holding jars/ and a RELEASE file; nothing downloaded).
 * Executors are launched by the workers in JVMs of their own, so closures must serialize and classes must travel in
 * the application jar, as on a production cluster.
 */
public final class StandaloneCluster implements AutoCloseable {
  private final Path sparkHome;
  private final Path logs;
  private final List<String> javaOpens;
  private final List<Process> daemons = new ArrayList<>();
  private final List<Process> workers = new ArrayList<>();
  final int masterPort;

  private StandaloneCluster(Path sparkHome, Path logs, List<String> javaOpens, int masterPort) {
    this.sparkHome = sparkHome;
    this.logs = logs;
    this.javaOpens = javaOpens;
    this.masterPort = masterPort;
  }

  static StandaloneCluster start(Path work, List<String> classpathJars, List<String> javaOpens, int workerCount)
      throws Exception {
    return start(work, classpathJars, javaOpens, workerCount, 1, "2g");
  }

  /**
   * A cluster whose workers each offer {@code workerCores} cores and {@code workerMemory} (e.g. "10g") to executors;
   * the standalone benchmark (io.textcluster.bench.StandaloneBenchmark) runs a million documents on one such worker.
   */
  public static StandaloneCluster start(Path work, List<String> classpathJars, List<String> javaOpens,
      int workerCount, int workerCores, String workerMemory) throws Exception {
    Path home = work.resolve("spark-home");
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String jar : classpathJars) {
      Path source = Path.of(jar);
      if (jar.endsWith(".jar") && Files.isRegularFile(source)) {
        Files.createSymbolicLink(jars.resolve(source.getFileName()), source);
      }
    }
    Files.writeString(home.resolve("RELEASE"), "Spark 3.5.7 (textcluster test cluster from Maven jars)\n");
    Path conf = Files.createDirectories(home.resolve("conf"));
    try (var in = StandaloneCluster.class.getResourceAsStream("/standalone/log4j2.properties")) {
      Files.copy(in, conf.resolve("log4j2.properties"));
    }
    Path logs = Files.createDirectories(work.resolve("logs"));
    StandaloneCluster cluster = new StandaloneCluster(home, logs, javaOpens, freePort());
    try {
      cluster.daemons.add(
          cluster.launch("master", "org.apache.spark.deploy.master.Master",
              "--host", "127.0.0.1", "--port", String.valueOf(cluster.masterPort),
              "--webui-port", String.valueOf(freePort())));
      cluster.awaitLog("master", "I have been elected leader", 60);
      for (int i = 0; i < workerCount; i++) {
        Process worker =
            cluster.launch("worker-" + i, "org.apache.spark.deploy.worker.Worker",
                cluster.masterUrl(), "--host", "127.0.0.1", "--cores", String.valueOf(workerCores),
                "--memory", workerMemory,
                "--webui-port", String.valueOf(freePort()),
                "--work-dir", Files.createDirectories(work.resolve("worker-" + i)).toString());
        cluster.daemons.add(worker);
        cluster.workers.add(worker);
        cluster.awaitLog("worker-" + i, "Successfully registered with master", 60);
      }
      return cluster;
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
  }

  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  Path sparkHome() {
    return sparkHome;
  }

  /** The executor JVMs the workers have started (children of the worker processes). */
  List<ProcessHandle> executors() {
    List<ProcessHandle> executors = new ArrayList<>();
    for (Process worker : workers) {
      worker.toHandle().descendants()
          .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
          .forEach(executors::add);
    }
    return executors;
  }

  /** The java command line with the cluster's classpath, Java 17 opens and log4j2 config. */
  public List<String> java(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOpens);
    command.add("-Dlog4j2.configurationFile=" + sparkHome.resolve("conf/log4j2.properties"));
    command.add("-cp");
    command.add(sparkHome.resolve("jars") + File.separator + "*");
    command.addAll(Arrays.asList(arguments));
    return command;
  }

  public ProcessBuilder processBuilder(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    // Without it the worker looks for a source build's assembly folders and cannot launch executors.
    builder.environment().put("SPARK_SCALA_VERSION", "2.12");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder;
  }

  private Process launch(String name, String mainClass, String... arguments) throws IOException {
    List<String> command = java("-Xmx512m", mainClass);
    command.addAll(Arrays.asList(arguments));
    Path log = logs.resolve(name + ".log");
    return processBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  public String log(String name) throws IOException {
    Path log = logs.resolve(name + ".log");
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  private void awaitLog(String name, String marker, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (log(name).contains(marker)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(name + " did not log '" + marker + "' in " + seconds + " s:\n" + log(name));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (int i = daemons.size() - 1; i >= 0; i--) {
      Process daemon = daemons.get(i);
      daemon.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      daemon.destroyForcibly();
      try {
        daemon.waitFor(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
