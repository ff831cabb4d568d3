package io.textcluster.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A real S3 API on 127.0.0.1: S3Proxy (Apache-2.0) with jclouds' in-memory back end, in a JVM of its own started from
 * the jar the build copies to target/s3proxy (its jclouds needs a newer Guava than the one Spark pins on the test
 * classpath). Requests are signed and checked (AWS v2/v4), so the S3A client's credentials really matter.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "textcluster-test";
  public static final String SECRET_KEY = "textcluster-test-secret";

  private final Process process;
  private final Path log;
  private final int port;

  private S3ProxyServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts the server on a free port and waits until it accepts connections. */
  public static S3ProxyServer start(Path workDir) throws Exception {
    Path jar = Path.of(System.getProperty("textcluster.s3proxyJar", "target/s3proxy/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run `mvn test-compile`, which copies S3Proxy there.");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path properties = workDir.resolve("s3proxy.properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + SECRET_KEY,
            "jclouds.provider=transient",
            "jclouds.identity=" + ACCESS_KEY,
            "jclouds.credential=" + SECRET_KEY,
            ""),
        StandardCharsets.UTF_8);
    Path log = workDir.resolve("s3proxy.log");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar.toString(),
                "--properties",
                properties.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    S3ProxyServer server = new S3ProxyServer(process, log, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Proxy exited: " + Files.readString(log));
      }
      try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return server;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    server.close();
    throw new IllegalStateException("S3Proxy did not open port " + port + ": " + Files.readString(log));
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * The S3A settings a user passes as Spark settings ({@code --conf spark.hadoop.<key>=<value>}), without the
   * {@code spark.hadoop.} prefix.
   */
  public Map<String, String> s3aSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("fs.s3a.endpoint", endpoint());
    settings.put("fs.s3a.endpoint.region", "us-east-1");
    settings.put("fs.s3a.path.style.access", "true");
    settings.put("fs.s3a.connection.ssl.enabled", "false");
    settings.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    settings.put("fs.s3a.access.key", ACCESS_KEY);
    settings.put("fs.s3a.secret.key", SECRET_KEY);
    // A test server: fail fast instead of S3A's long default retry schedule.
    settings.put("fs.s3a.attempts.maximum", "2");
    settings.put("fs.s3a.retry.limit", "2");
    return settings;
  }

  /** The same settings scoped to one bucket (fs.s3a.bucket.NAME.*), so a shared session's other buckets are untouched. */
  public Map<String, String> s3aSettingsFor(String bucket) {
    Map<String, String> scoped = new LinkedHashMap<>();
    s3aSettings().forEach((key, value) -> scoped.put("fs.s3a.bucket." + bucket + "." + key.substring(7), value));
    return scoped;
  }

  /** Creates a bucket (S3A itself never creates buckets) with the AWS SDK that S3A uses. */
  public void createBucket(String bucket) {
    AmazonS3 client =
        AmazonS3ClientBuilder.standard()
            .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(endpoint(), "us-east-1"))
            .withPathStyleAccessEnabled(true)
            .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(ACCESS_KEY, SECRET_KEY)))
            .build();
    try {
      client.createBucket(bucket);
    } finally {
      client.shutdown();
    }
  }

  /** An S3A file system on this server, outside any Spark session (to upload inputs and inspect outputs). */
  public FileSystem fileSystem(String bucket) throws IOException {
    Configuration conf = new Configuration();
    s3aSettings().forEach(conf::set);
    return FileSystem.newInstance(URI.create("s3a://" + bucket + "/"), conf);
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
