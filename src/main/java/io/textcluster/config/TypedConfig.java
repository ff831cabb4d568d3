package io.textcluster.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Typed reads of the merged config. Every failure becomes an {@link InvalidConfigException} that names the key, the
 * value given and what is allowed, instead of typesafe-config's internal wording.
 */
final class TypedConfig {
  private final Config config;

  TypedConfig(Config config) {
    this.config = config;
  }

  Optional<String> optionalString(String key) {
    if (!config.hasPath(key)) {
      return Optional.empty();
    }
    ConfigValue value = config.getValue(key);
    switch (value.valueType()) {
      case STRING:
      case NUMBER:
      case BOOLEAN:
        String text = String.valueOf(value.unwrapped()).trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
      default:
        throw InvalidConfigException.badValue(key, value.render(), "a string");
    }
  }

  String requiredString(String key, String whatItIs) {
    return optionalString(key)
        .orElseThrow(
            () -> new InvalidConfigException("Config key '" + key + "' is required: " + whatItIs + "."));
  }

  String string(String key) {
    return optionalString(key).orElseThrow(() -> missing(key));
  }

  String oneOf(String key, String... allowed) {
    String value = string(key).toLowerCase(Locale.ROOT);
    if (!Arrays.asList(allowed).contains(value)) {
      throw InvalidConfigException.badValue(key, value, "one of " + String.join(", ", allowed));
    }
    return value;
  }

  boolean bool(String key) {
    try {
      return config.getBoolean(key);
    } catch (ConfigException.WrongType e) {
      throw InvalidConfigException.badValue(key, render(key), "true or false");
    } catch (ConfigException.Missing e) {
      throw missing(key);
    }
  }

  int intAtLeast(String key, int min) {
    int value;
    try {
      value = config.getInt(key);
    } catch (ConfigException.WrongType e) {
      throw InvalidConfigException.badValue(key, render(key), "a whole number >= " + min);
    } catch (ConfigException.Missing e) {
      throw missing(key);
    }
    if (value < min) {
      throw InvalidConfigException.badValue(key, value, "a whole number >= " + min);
    }
    return value;
  }

  Optional<Long> optionalLong(String key, long min) {
    if (!config.hasPath(key)) {
      return Optional.empty();
    }
    long value;
    try {
      value = config.getLong(key);
    } catch (ConfigException.WrongType e) {
      throw InvalidConfigException.badValue(key, render(key), "a whole number >= " + min);
    }
    if (value < min) {
      throw InvalidConfigException.badValue(key, value, "a whole number >= " + min);
    }
    return Optional.of(value);
  }

  double positiveDouble(String key) {
    double value;
    try {
      value = config.getDouble(key);
    } catch (ConfigException.WrongType e) {
      throw InvalidConfigException.badValue(key, render(key), "a positive number");
    } catch (ConfigException.Missing e) {
      throw missing(key);
    }
    if (!(value > 0) || Double.isInfinite(value)) {
      throw InvalidConfigException.badValue(key, value, "a positive number");
    }
    return value;
  }

  List<String> stringList(String key) {
    if (!config.hasPath(key)) {
      return List.of();
    }
    try {
      // A single string is accepted where a list is expected: text-columns = Text
      if (config.getValue(key).valueType() == com.typesafe.config.ConfigValueType.STRING) {
        return List.of(config.getString(key));
      }
      return List.copyOf(config.getStringList(key));
    } catch (ConfigException.WrongType e) {
      throw InvalidConfigException.badValue(key, render(key), "a list of strings, e.g. [\"title\", \"body\"]");
    }
  }

  /** An object whose keys are the user's own names (issue 22: cluster.seed-topics, cluster.topics); empty if absent. */
  com.typesafe.config.ConfigObject object(String key) {
    if (!config.hasPath(key)) {
      return com.typesafe.config.ConfigFactory.empty().root();
    }
    try {
      return config.getObject(key);
    } catch (ConfigException.WrongType e) {
      throw InvalidConfigException.badValue(key, render(key), "an object of named topics, e.g. { Sports = ... }");
    }
  }

  private String render(String key) {
    return config.getValue(key).render();
  }

  private static InvalidConfigException missing(String key) {
    return new InvalidConfigException(
        "Config key '" + key + "' has no value; set it in your config or remove the null (see conf/defaults.conf).");
  }
}
