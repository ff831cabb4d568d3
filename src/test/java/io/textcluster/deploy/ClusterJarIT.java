package io.textcluster.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar that goes to a cluster: small enough to ship (at most 120 MB), free of classes Spark's own jars already hold
 * (two copies of a class on one classpath means the runtime picks one, silently), natives only for the platforms Spark
 * clusters run, and startable beside Spark's jars in a fresh JVM, in the order spark-submit builds (Spark first).
 */
class ClusterJarIT {
  static final long MAX_BYTES = 120L * 1024 * 1024;
  /** Versioned copies of a class (META-INF/versions/N/...) are the same class for this check. */
  private static final Pattern VERSIONED = Pattern.compile("^META-INF/versions/\\d+/");
  /**
   * Classes the cluster jar may share with Spark's jars, each with its reason. Empty today: every library Spark ships
   * is declared provided in the pom, and protobuf, gson and typesafe-config are relocated.
   */
  private static final Map<String, String> ALLOWED_DUPLICATES = Map.of();

  private static final Pattern NATIVE = Pattern.compile("\\.(so|dylib|jnilib|dll|a|pdb)$");
  /** The folder names the bundled libraries use for Linux x86_64 and aarch64. */
  private static final Pattern LINUX_64 =
      Pattern.compile("(?i)/linux[-/](x64|x86_64|x86-64|aarch64|arm64)/");
  private static final Path APP_JAR = Path.of(System.getProperty("textcluster.appJar"));
  private static final Path SPARK_NLP_JAR = Path.of(System.getProperty("textcluster.sparkNlpJar"));

  private static List<Path> sparkJars() throws IOException {
    List<Path> jars = new ArrayList<>();
    String classpath = Files.readString(Path.of(System.getProperty("textcluster.providedClasspath"))).trim();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (entry.endsWith(".jar")) {
        jars.add(Path.of(entry));
      }
    }
    return jars;
  }

  private static Set<String> entries(Path jar, boolean classesOnly) throws IOException {
    Set<String> names = new TreeSet<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
        String name = VERSIONED.matcher(entry.getName()).replaceFirst("");
        if (entry.isDirectory() || (classesOnly && !name.endsWith(".class")) || name.endsWith("module-info.class")) {
          continue;
        }
        names.add(name);
      }
    }
    return names;
  }

  /** Each class of {@code jar} that one of {@code others} also holds, with the jar that holds it. */
  private static Map<String, String> duplicates(Path jar, List<Path> others) throws IOException {
    Set<String> ours = entries(jar, true);
    Map<String, String> found = new TreeMap<>();
    for (Path other : others) {
      for (String name : entries(other, true)) {
        if (ours.contains(name) && !ALLOWED_DUPLICATES.containsKey(name)) {
          found.putIfAbsent(name, other.getFileName().toString());
        }
      }
    }
    return found;
  }

  private static String firstOf(Map<String, String> duplicates) {
    StringBuilder text = new StringBuilder(duplicates.size() + " duplicate classes, e.g.:\n");
    duplicates.entrySet().stream().limit(20)
        .forEach(e -> text.append("  ").append(e.getKey()).append(" (also in ").append(e.getValue()).append(")\n"));
    return text.toString();
  }

  @Test
  void theClusterJarIsAtMost120Megabytes() throws IOException {
    long size = Files.size(APP_JAR);
    assertTrue(size <= MAX_BYTES, APP_JAR + " is " + size / (1024 * 1024) + " MB, over the 120 MB a cluster gets");
  }

  @Test
  void theClusterJarSharesNoClassWithSparksJars() throws IOException {
    Map<String, String> found = duplicates(APP_JAR, sparkJars());
    assertTrue(found.isEmpty(), firstOf(found));
  }

  @Test
  void theSparkNlpJarSharesNoClassWithTheClusterJarOrSpark() throws IOException {
    List<Path> others = new ArrayList<>(sparkJars());
    others.add(APP_JAR);
    Map<String, String> found = duplicates(SPARK_NLP_JAR, others);
    assertTrue(found.isEmpty(), firstOf(found));
    assertTrue(entries(SPARK_NLP_JAR, true).contains("com/johnsnowlabs/nlp/DocumentAssembler.class"));
  }

  @Test
  void theClusterJarHoldsLinuxNativesOnlyAndOneEchartsFile() throws IOException {
    Set<String> names = entries(APP_JAR, false);
    List<String> otherPlatforms =
        names.stream().filter(n -> NATIVE.matcher(n).find() && !LINUX_64.matcher(n).find()).toList();
    assertTrue(otherPlatforms.isEmpty(), "libraries for platforms clusters do not run: " + otherPlatforms);
    for (String library : List.of(
        "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
        "ai/onnxruntime/native/linux-aarch64/libonnxruntime.so",
        "native/lib/linux-x86_64/cpu/libtokenizers.so",
        "native/lib/linux-aarch64/cpu/libtokenizers.so")) {
      assertTrue(names.contains(library), "missing " + library);
    }
    List<String> scripts = names.stream().filter(n -> n.startsWith("META-INF/resources/webjars/")
        && n.endsWith(".js")).toList();
    assertEquals(List.of("META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js"), scripts);
  }

  /** The CLI in a fresh JVM on Spark's jars then the cluster jar, in spark-submit's order; returns exit code and output. */
  private static Map.Entry<Integer, String> cli(Path workDir, String... arguments) throws Exception {
    List<String> classpath = new ArrayList<>();
    sparkJars().forEach(jar -> classpath.add(jar.toString()));
    classpath.add(APP_JAR.toString());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(System.getProperty("textcluster.javaOpens").trim().split("\\s+")));
    command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath), "io.textcluster.cli.TextClusterCli"));
    command.addAll(Arrays.asList(arguments));
    Process java = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!java.waitFor(2, TimeUnit.MINUTES)) {
      java.destroyForcibly();
      throw new AssertionError(String.join(" ", arguments) + " did not finish:\n" + output);
    }
    return Map.entry(java.exitValue(), output);
  }

  @Test
  void theMainClassStartsInAFreshJvmBesideSparksJars(@TempDir Path work) throws Exception {
    Map.Entry<Integer, String> help = cli(work, "--help");
    assertEquals(0, help.getKey(), help.getValue());
    assertTrue(help.getValue().contains("run"), help.getValue());
  }

  @Test
  void withoutTheSparkNlpJarTheSparkNlpEngineIsRefusedBeforeSparkStarts(@TempDir Path work) throws Exception {
    Path config = Path.of("conf/examples/bbc_news.conf").toAbsolutePath();
    Map.Entry<Integer, String> run = cli(work, "run", "--config", config.toString(), "--run-id", "no-nlp",
        "--set", "output.path=" + work.resolve("lake"), "--set", "features.type=embedding",
        "--set", "features.embedding.engine=spark-nlp");
    assertEquals(2, run.getKey(), run.getValue());
    assertTrue(run.getValue().contains("target/textcluster-spark-nlp.jar"), run.getValue());
    assertTrue(!run.getValue().contains("\tat "), "a stack trace instead of a message:\n" + run.getValue());
  }
}
