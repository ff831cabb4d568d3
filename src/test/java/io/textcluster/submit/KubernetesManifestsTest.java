package io.textcluster.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.cli.TextClusterCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The Kubernetes recipe cannot run here (no cluster, no image registry), so its parts are checked against each other
 * and against the project: every manifest parses and has what Kubernetes requires, and the image, the jar path, the
 * namespace and the service account are the same in the Dockerfile, the manifests and submit/kubernetes.sh; the
 * versions the image adds match the Spark, Hadoop and Delta this project is built on.
 */
class KubernetesManifestsTest {
  private static final Path DIR = Path.of("submit", "kubernetes");
  private static final Pattern ADD = Pattern.compile(
      "ADD --chmod=644 --checksum=sha256:([0-9a-f]{64}) \\\\\\s*\\n\\s*(https://repo1\\.maven\\.org/maven2/\\S+) "
          + "/opt/spark/jars/");

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> documents(String file) throws Exception {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : yaml.loadAll(Files.readString(DIR.resolve(file)))) {
      documents.add((Map<String, Object>) document);
    }
    return documents;
  }

  @SuppressWarnings("unchecked")
  private static Object at(Map<String, Object> document, String... path) {
    Object node = document;
    for (String key : path) {
      assertTrue(node instanceof Map, String.join(".", path) + ": no map at " + key);
      node = ((Map<String, Object>) node).get(key);
      assertNotNull(node, String.join(".", path) + " is missing");
    }
    return node;
  }

  private static Map<String, Object> kind(List<Map<String, Object>> documents, String kind) {
    return documents.stream().filter(d -> kind.equals(d.get("kind"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind));
  }

  private static String dockerfile() throws Exception {
    return Files.readString(DIR.resolve("Dockerfile"));
  }

  /** The tag the Dockerfile's own build command gives the image. */
  private static String image() throws Exception {
    Matcher tag = Pattern.compile("docker build -f submit/kubernetes/Dockerfile -t (\\S+) \\.").matcher(dockerfile());
    assertTrue(tag.find(), "the Dockerfile says how to build it");
    return tag.group(1);
  }

  private static String appJar() throws Exception {
    Matcher copy = Pattern.compile("COPY --chmod=644 target/textcluster-app\\.jar (\\S+)").matcher(dockerfile());
    assertTrue(copy.find(), "the image holds the application jar");
    return copy.group(1);
  }

  @Test
  void everyManifestParsesWithItsRequiredFields() throws Exception {
    List<Path> manifests;
    try (Stream<Path> files = Files.list(DIR)) {
      manifests = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertEquals(List.of("driver-pod-template.yaml", "rbac.yaml", "spark-application.yaml"),
        manifests.stream().map(p -> p.getFileName().toString()).toList());
    for (Path manifest : manifests) {
      for (Map<String, Object> document : documents(manifest.getFileName().toString())) {
        assertTrue(document.get("apiVersion") instanceof String && document.get("kind") instanceof String,
            manifest + ": apiVersion and kind");
        if (!manifest.endsWith("driver-pod-template.yaml")) {
          // A pod template is merged into the driver pod Spark names; everything else is an object of its own.
          assertTrue(((String) at(document, "metadata", "name")).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), manifest
              + ": a DNS-1123 name");
        }
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theServiceAccountMayManageWhatTheDriverCreates() throws Exception {
    List<Map<String, Object>> rbac = documents("rbac.yaml");
    String namespace = (String) at(kind(rbac, "Namespace"), "metadata", "name");
    Map<String, Object> account = kind(rbac, "ServiceAccount");
    Map<String, Object> role = kind(rbac, "Role");
    Map<String, Object> binding = kind(rbac, "RoleBinding");
    for (Map<String, Object> object : List.of(account, role, binding)) {
      assertEquals(namespace, at(object, "metadata", "namespace"));
    }
    for (String resource : List.of("pods", "services", "configmaps", "persistentvolumeclaims")) {
      List<String> verbs = ((List<Map<String, Object>>) at(role, "rules")).stream()
          .filter(rule -> ((List<String>) rule.get("resources")).contains(resource))
          .flatMap(rule -> ((List<String>) rule.get("verbs")).stream()).toList();
      assertTrue(verbs.containsAll(List.of("create", "get", "list", "watch", "delete", "deletecollection")),
          resource + ": " + verbs);
    }
    assertEquals(at(role, "metadata", "name"), at(binding, "roleRef", "name"));
    assertEquals("Role", at(binding, "roleRef", "kind"));
    Map<String, Object> subject = ((List<Map<String, Object>>) at(binding, "subjects")).get(0);
    assertEquals(List.of("ServiceAccount", at(account, "metadata", "name"), namespace),
        List.of(subject.get("kind"), subject.get("name"), subject.get("namespace")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSparkApplicationRunsTheImagesJarAsTheRbacServiceAccount() throws Exception {
    Map<String, Object> app = documents("spark-application.yaml").get(0);
    List<Map<String, Object>> rbac = documents("rbac.yaml");
    assertEquals("sparkoperator.k8s.io/v1beta2", app.get("apiVersion"));
    assertEquals("SparkApplication", app.get("kind"));
    assertEquals(at(kind(rbac, "Namespace"), "metadata", "name"), at(app, "metadata", "namespace"));
    assertEquals(List.of("Java", "cluster"), List.of(at(app, "spec", "type"), at(app, "spec", "mode")));
    assertEquals(image(), at(app, "spec", "image"));
    assertEquals("local://" + appJar(), at(app, "spec", "mainApplicationFile"));
    assertEquals(TextClusterCli.class.getName(), at(app, "spec", "mainClass"));
    assertEquals(org.apache.spark.package$.MODULE$.SPARK_VERSION(), at(app, "spec", "sparkVersion"));
    assertEquals(at(kind(rbac, "ServiceAccount"), "metadata", "name"), at(app, "spec", "driver", "serviceAccount"));
    assertEquals("io.delta.sql.DeltaSparkSessionExtension", at(app, "spec", "sparkConf", "spark.sql.extensions"));
    assertEquals("Never", at(app, "spec", "restartPolicy", "type"));

    List<String> arguments = (List<String>) at(app, "spec", "arguments");
    ParseResult run = new CommandLine(new TextClusterCli()).parseArgs(arguments.toArray(String[]::new));
    String config = run.subcommand().matchedOptionValue("--config", "");
    assertTrue(config.matches("(s3a|abfss|gs|hdfs)://.+/nightly\\.conf"), "nothing is mounted, so a URI: " + config);
  }

  @Test
  void theImageAddsConnectorsMatchingTheProjectsSparkHadoopAndDelta() throws Exception {
    String spark = org.apache.spark.package$.MODULE$.SPARK_VERSION();
    String scalaVersion = scala.util.Properties.versionNumberString().replaceAll("^(\\d+\\.\\d+).*", "$1");
    String hadoop = org.apache.hadoop.util.VersionInfo.getVersion();
    String delta = Path.of(io.delta.tables.DeltaTable.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .getFileName().toString().replaceAll("^delta-spark_[0-9.]+-(.+)\\.jar$", "$1");
    assertTrue(dockerfile().contains("\nFROM apache/spark:" + spark + "-scala" + scalaVersion + "-java17-"), "FROM");

    List<String> jars = new ArrayList<>();
    Matcher add = ADD.matcher(dockerfile());
    while (add.find()) {
      // groupId/artifactId/version/artifactId-version[-classifier].jar
      String[] path = add.group(2).substring("https://repo1.maven.org/maven2/".length()).split("/");
      String artifact = path[path.length - 3];
      String version = path[path.length - 2];
      assertTrue(path[path.length - 1].startsWith(artifact + "-" + version), add.group(2));
      jars.add(artifact + ":" + version);
    }
    assertEquals(Pattern.compile("(?m)^ADD ").matcher(dockerfile()).results().count(), jars.size(),
        "every ADD is a Maven Central jar with a SHA-256 checksum");
    assertTrue(jars.containsAll(List.of("delta-spark_" + scalaVersion + ":" + delta, "delta-storage:" + delta,
        "hadoop-aws:" + hadoop, "hadoop-azure:" + hadoop)), jars.toString());
    // hadoop-aws is built against one AWS SDK bundle; 3.3.4's is 1.12.262 (hadoop-project 3.3.4, aws-java-sdk.version).
    assertEquals("3.3.4", hadoop, "a new Hadoop needs its own AWS SDK bundle version below");
    assertTrue(jars.contains("aws-java-sdk-bundle:1.12.262"), jars.toString());
    assertTrue(jars.stream().anyMatch(j -> j.startsWith("gcs-connector:hadoop3-")), jars.toString());
  }

  @Test
  @SuppressWarnings("unchecked")
  void kubernetesShUsesTheSameImageJarNamespaceAccountAndMount() throws Exception {
    List<Map<String, Object>> rbac = documents("rbac.yaml");
    ProcessBuilder builder = new ProcessBuilder("submit/kubernetes.sh", "--master", "k8s://https://10.0.0.1:6443",
        "--config", "conf/nightly.conf", "--run-id", "n1").redirectErrorStream(true);
    builder.environment().remove("SPARK_HOME");
    builder.environment().remove("TEXTCLUSTER_NAMESPACE");
    builder.environment().remove("TEXTCLUSTER_SERVICE_ACCOUNT");
    builder.environment().putAll(Map.of("TEXTCLUSTER_DRY_RUN", "1", "TEXTCLUSTER_IMAGE", image()));
    Process process = builder.start();
    List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), String.join("\n", lines));
    assertTrue(lines.contains("spark.kubernetes.namespace=" + at(kind(rbac, "Namespace"), "metadata", "name")));
    assertTrue(lines.contains("spark.kubernetes.authenticate.driver.serviceAccountName="
        + at(kind(rbac, "ServiceAccount"), "metadata", "name")));
    assertTrue(lines.contains("local://" + appJar()), "kubernetes.sh submits the jar the image holds");

    Map<String, Object> pod = documents("driver-pod-template.yaml").get(0);
    Map<String, Object> container = ((List<Map<String, Object>>) at(pod, "spec", "containers")).get(0);
    assertEquals("spark-kubernetes-driver", container.get("name"), "Spark's driver container, which it merges into");
    String mount = (String) ((List<Map<String, Object>>) container.get("volumeMounts")).get(0).get("mountPath");
    String config = lines.get(lines.lastIndexOf("--config") + 1);
    assertEquals("file://" + mount + "/job.conf", config);
    assertTrue(dockerfile().contains("mkdir -p " + mount), "the image has the mount point");
  }
}
