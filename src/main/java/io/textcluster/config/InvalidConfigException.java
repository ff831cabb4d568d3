package io.textcluster.config;

/** A config key with a value that cannot be used; thrown before the first Spark job runs. */
public class InvalidConfigException extends TextClusterException {
  public InvalidConfigException(String message) {
    super(message);
  }

  static InvalidConfigException badValue(String key, Object given, String allowed) {
    return new InvalidConfigException(
        "Config key '" + key + "' has the value " + quote(given) + ", but it must be " + allowed + ".");
  }

  static String quote(Object value) {
    return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }
}
