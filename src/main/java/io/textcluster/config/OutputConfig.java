package io.textcluster.config;

/** Where and how the run's tables and model are written. */
public record OutputConfig(String path, String format, boolean saveModel) {
  public static final String DELTA = "delta";
  public static final String PARQUET = "parquet";

  public String tablePath(String table) {
    return path.replaceAll("/+$", "") + "/" + table;
  }
}
