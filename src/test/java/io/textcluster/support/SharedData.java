package io.textcluster.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates ../shared/data, the real corpora every test reads in place (never copied into the repo). */
public final class SharedData {
  private SharedData() {}

  public static Path root() {
    String configured = System.getProperty("textcluster.shared");
    Path shared = configured != null ? Paths.get(configured) : Paths.get("..", "shared");
    Path data = shared.resolve("data").toAbsolutePath().normalize();
    if (!Files.isDirectory(data)) {
      throw new IllegalStateException(
          "The shared corpora are missing at " + data + ": clone the project beside ../shared");
    }
    return data;
  }

  public static Path corpus(String name) {
    return root().resolve(name);
  }
}
