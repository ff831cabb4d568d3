package io.textcluster.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions recorded with every run, so a result can be traced to the code and libraries that made it. */
public final class Versions {
  private Versions() {}

  public static Map<String, String> current(String sparkRuntimeVersion) {
    Properties built = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream("/io/textcluster/version.properties")) {
      if (in != null) {
        built.load(in);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read version.properties from the jar", e);
    }
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("textcluster", built.getProperty("textcluster", "unknown"));
    versions.put("spark", sparkRuntimeVersion);
    versions.put("delta", built.getProperty("delta", "unknown"));
    versions.put("lucene", built.getProperty("lucene", "unknown"));
    versions.put("java", System.getProperty("java.version"));
    return versions;
  }

  public static String textcluster() {
    return current("").get("textcluster");
  }
}
