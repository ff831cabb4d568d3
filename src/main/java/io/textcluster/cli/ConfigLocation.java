package io.textcluster.cli;

import io.textcluster.config.InvalidConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where {@code --config} points, as a file the driver can open. The config is read before Spark starts (so a typo
 * costs milliseconds), which is why it must be on the driver's own file system: a plain path, a {@code file:} URI, or
 * a Databricks {@code dbfs:/} URI, which Databricks mounts on every driver under {@code /dbfs}. Other schemes
 * (hdfs://, s3a://) are refused with the ways that do work on each cluster manager.
 */
final class ConfigLocation {
  private static final String DBFS_MOUNT = "/dbfs";

  private ConfigLocation() {}

  static Path localPath(String location) {
    int colon = location.indexOf(':');
    // "C:\..." is a Windows drive, not a scheme; a scheme has at least two letters.
    if (colon < 2 || location.startsWith("/")) {
      return Path.of(location);
    }
    String scheme = location.substring(0, colon).toLowerCase(Locale.ROOT);
    URI uri = URI.create(location);
    switch (scheme) {
      case "file":
        return Path.of(uri);
      case "dbfs":
        return Path.of(DBFS_MOUNT + uri.getPath());
      default:
        throw new InvalidConfigException(
            "--config " + location + ": a config on '" + scheme + ":' cannot be read before Spark starts. Pass a "
                + "file on the driver: with YARN cluster mode ship it with --files (submit/yarn.sh does), on "
                + "Kubernetes mount it from a ConfigMap (submit/kubernetes.sh does), on Databricks use dbfs:/... or a "
                + "workspace file path.");
    }
  }
}
