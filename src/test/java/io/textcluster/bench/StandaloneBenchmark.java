package io.textcluster.bench;

import io.textcluster.deploy.StandaloneCluster;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The job on a Spark standalone cluster of separate JVMs on 127.0.0.1 (the integration test's {@link
 * StandaloneCluster}: a master and one worker), submitted through Spark's own submit entry point in client mode, once
 * per corpus, so that the driver is a JVM of its own whose heap holds only what the driver keeps (issue 20: "the
 * driver's peak heap at 1,000,000 documents at most 1.2x its peak at 100,000"). The driver runs under /usr/bin/time
 * with a fixed -Xmx and a GC log; submit/bench-standalone.sh reads the figures. For each NAME=INPUT it writes, under
 * WORK: NAME-run.txt (the driver's console), NAME-gc.log, NAME-time.txt (wall_s, peak_rss_kb) and the lake NAME-lake.
 * The cluster is stopped at the end, also on failure or when the JVM is asked to exit.
 *
 * <p>Usage: StandaloneBenchmark WORK CONFIG DRIVER_MEMORY EXECUTOR_MEMORY WORKER_CORES NAME=INPUT... with the system
 * properties textcluster.appJar, textcluster.providedClasspath and textcluster.javaOpens (as the integration test).
 */
public final class StandaloneBenchmark {
  private StandaloneBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 6) {
      System.err.println(
          "Usage: StandaloneBenchmark WORK CONFIG DRIVER_MEMORY EXECUTOR_MEMORY WORKER_CORES NAME=INPUT...");
      System.exit(2);
    }
    Path work = Path.of(args[0]).toAbsolutePath();
    String config = Path.of(args[1]).toAbsolutePath().toString();
    String driverMemory = args[2];
    String executorMemory = args[3];
    int workerCores = Integer.parseInt(args[4]);
    List<String> jars =
        Arrays.asList(Files.readString(Path.of(System.getProperty("textcluster.providedClasspath"))).trim().split(":"));
    List<String> opens = Arrays.asList(System.getProperty("textcluster.javaOpens").trim().split("\\s+"));
    // The worker offers exactly the executor's memory: one executor with all its cores.
    StandaloneCluster cluster =
        StandaloneCluster.start(work.resolve("cluster"), jars, opens, 1, workerCores, executorMemory);
    Thread stop = new Thread(cluster::close, "textcluster-standalone-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    try {
      System.out.println("== standalone cluster " + cluster.masterUrl() + ": one worker, " + workerCores
          + " cores, executor " + executorMemory + "; driver -Xmx" + driverMemory + " in its own JVM (client mode)");
      for (int i = 5; i < args.length; i++) {
        String[] run = args[i].split("=", 2);
        int status = submit(cluster, work, config, driverMemory, executorMemory, opens, run[0], run[1]);
        if (status != 0) {
          System.err.println("spark-submit for " + run[0] + " exited with " + status + "; worker log:\n"
              + cluster.log("worker-0"));
          System.exit(1);
        }
      }
    } finally {
      cluster.close();
    }
  }

  private static int submit(StandaloneCluster cluster, Path work, String config, String driverMemory,
      String executorMemory, List<String> opens, String name, String input) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("/usr/bin/time", "-f", "wall_s %e peak_rss_kb %M",
            "-o", work.resolve(name + "-time.txt").toString()));
    command.addAll(
        cluster.java(
            "-Xmx" + driverMemory,
            "-Xlog:gc:file=" + work.resolve(name + "-gc.log"),
            // After the cluster's daemon logging: the job's own console progress, as submit/local.sh shows it.
            "-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile"),
            "org.apache.spark.deploy.SparkSubmit",
            "--master", cluster.masterUrl(),
            "--deploy-mode", "client",
            "--class", "io.textcluster.cli.TextClusterCli",
            "--conf", "spark.driver.memory=" + driverMemory,
            "--conf", "spark.executor.memory=" + executorMemory,
            "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", opens),
            "--conf", "spark.driver.host=127.0.0.1",
            "--conf", "spark.ui.enabled=false",
            "--conf", "spark.ui.showConsoleProgress=false",
            // As submit/local.sh sets them, so the two launchers run the same plan.
            "--conf", "spark.sql.shuffle.partitions=8",
            "--conf", "spark.databricks.delta.snapshotPartitions=2",
            System.getProperty("textcluster.appJar"),
            "run", "--config", config, "--run-id", name,
            "--set", "input.path=" + input, "--set", "output.path=" + work.resolve(name + "-lake")));
    System.out.println("== " + name + ": spark-submit --deploy-mode client, input " + input);
    Process driver = cluster.processBuilder(command).redirectErrorStream(true).start();
    try (BufferedReader out =
            new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(work.resolve(name + "-run.txt")))) {
      String line;
      while ((line = out.readLine()) != null) {
        System.out.println(line);
        log.println(line);
      }
    } finally {
      if (driver.isAlive()) {
        driver.destroyForcibly();
      }
    }
    return driver.waitFor();
  }
}
