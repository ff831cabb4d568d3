package io.textcluster.config;

import java.util.Map;
import java.util.function.Function;

/**
 * Where API keys come from: the process environment, looked up by the variable NAME the config gives (never the key
 * itself). Every key read goes through here so that one place decides, and so a test or an embedding host can supply
 * variables without changing the real environment ({@link #withVariables}); in Spark local mode the executors share
 * this JVM and see them too, on a cluster each executor reads its own environment.
 */
public final class Environment {
  private static volatile Function<String, String> lookup = System::getenv;

  private Environment() {}

  /** The value of {@code name}, or null when it is unset or the name is empty. */
  public static String variable(String name) {
    return name == null || name.isEmpty() ? null : lookup.apply(name);
  }

  /** True when {@code name} is set to something other than blanks. */
  public static boolean isSet(String name) {
    String value = variable(name);
    return value != null && !value.isBlank();
  }

  /**
   * Lays {@code values} over the process environment until the returned scope is closed (the previous lookup comes
   * back). Process-wide: meant for one test at a time.
   */
  public static Scope withVariables(Map<String, String> values) {
    Function<String, String> previous = lookup;
    lookup = name -> values.containsKey(name) ? values.get(name) : previous.apply(name);
    return () -> lookup = previous;
  }

  /** Restores the previous lookup; closing twice is harmless only if scopes are closed in reverse order. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
