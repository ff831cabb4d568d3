package io.textcluster.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The set of valid keys is the set of keys in defaults.conf; anything else is a typo, and we say which key was meant. */
final class ConfigKeys {
  private ConfigKeys() {}

  /** Every leaf path under {@code root}, null-valued leaves included (Config.entrySet() would skip them). */
  static Set<String> leafPaths(ConfigObject root) {
    Set<String> paths = new TreeSet<>();
    collect(root, "", paths);
    return paths;
  }

  private static void collect(ConfigObject object, String prefix, Set<String> out) {
    for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
      String path = prefix + entry.getKey();
      if (entry.getValue().valueType() == ConfigValueType.OBJECT) {
        collect((ConfigObject) entry.getValue(), path + ".", out);
      } else {
        out.add(path);
      }
    }
  }

  static void rejectUnknown(ConfigObject user, Set<String> known) {
    for (String path : leafPaths(user)) {
      // issue 22: the keys under these objects are the analyst's own topic names.
      boolean named = path.startsWith(GuidedTopics.SEEDS_KEY + ".") || path.startsWith(GuidedTopics.TOPICS_KEY + ".");
      if (!known.contains(path) && !named) {
        String hint = nearest(path, known).map(k -> " Did you mean '" + k + "'?").orElse("");
        throw new InvalidConfigException(
            "Unknown config key '" + path + "'." + hint + " Valid keys are listed in conf/defaults.conf.");
      }
    }
  }

  static Optional<String> nearest(String path, Set<String> known) {
    return known.stream()
        .min(Comparator.comparingInt(k -> editDistance(path, k)))
        .filter(k -> editDistance(path, k) <= Math.max(3, path.length() / 3));
  }

  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
