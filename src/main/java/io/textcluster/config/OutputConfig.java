package io.textcluster.config;

import java.util.Optional;

/**
 * Where and how the run's tables and model are written. {@code database}, when present, is the catalog database
 * ({@code db}) or Unity Catalog schema ({@code catalog.schema}) in which the lake's tables are also registered.
 */
public record OutputConfig(String path, String format, boolean saveModel, Optional<String> database) {
  public static final String DELTA = "delta";
  public static final String PARQUET = "parquet";

  /** A lake addressed by its path alone (check, export, report --lake, predict). */
  public OutputConfig(String path, String format, boolean saveModel) {
    this(path, format, saveModel, Optional.empty());
  }

  public String tablePath(String table) {
    return path.replaceAll("/+$", "") + "/" + table;
  }
}
