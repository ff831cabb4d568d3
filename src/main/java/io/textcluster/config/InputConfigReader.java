package io.textcluster.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and validates the input.* keys; relative paths resolve against the config's own location. */
final class InputConfigReader {
  private InputConfigReader() {}

  static InputConfig read(TypedConfig c, String baseLocation) {
    List<String> paths = new ArrayList<>();
    for (String path : c.stringList("input.path")) {
      paths.add(resolveAgainst(baseLocation, path));
    }
    Optional<String> table = c.optionalString("input.table");
    String format = c.oneOf("input.format", InputConfig.FORMATS.toArray(String[]::new));
    if (paths.isEmpty() && table.isEmpty()) {
      throw new InvalidConfigException(
          "Config key 'input.path' is required: the file, folder or glob of the corpus (or set 'input.table').");
    }
    if (!paths.isEmpty() && table.isPresent()) {
      throw new InvalidConfigException(
          "Config keys 'input.path' and 'input.table' are both set; keep only one of them.");
    }
    Optional<Long> version = c.optionalLong("input.version", 0);
    Optional<String> timestamp = c.optionalString("input.timestamp");
    if ((version.isPresent() || timestamp.isPresent()) && !format.equals("delta")) {
      throw new InvalidConfigException(
          "Config keys 'input.version' and 'input.timestamp' (time travel) need input.format = delta, but the "
              + "format is \"" + format + "\".");
    }
    if (version.isPresent() && timestamp.isPresent()) {
      throw new InvalidConfigException(
          "Config keys 'input.version' and 'input.timestamp' are both set; time travel takes only one of them.");
    }
    // Entries may end in ":language"; the input sees the column names only.
    TextColumns tagged = TextColumns.parse(c.stringList("input.text-columns"), c.string("text.language"));
    List<String> textColumns = tagged.names();
    // Numeric features (features.type = columns) need no text; the text columns then only feed snippets.
    if (textColumns.isEmpty() && !c.string("features.type").equalsIgnoreCase(FeaturesConfig.COLUMNS)) {
      throw new InvalidConfigException(
          "Config key 'input.text-columns' is required: the column(s) holding the text, e.g. [\"title\", \"body\"].");
    }
    Optional<String> template = c.optionalString("input.text-template");
    template.ifPresent(t -> TextTemplate.validate(t, textColumns));
    String delimiter = c.string("input.csv.delimiter");
    return new InputConfig(
        List.copyOf(paths),
        table,
        format,
        version,
        timestamp,
        c.bool("input.csv.header"),
        c.bool("input.csv.multi-line"),
        delimiter,
        c.string("input.csv.encoding"),
        c.optionalString("input.id-column"),
        textColumns,
        template,
        c.optionalString("input.label-column"),
        NightlyConfig.keepColumns(c), // input.keep-columns plus input.time-column
        c.oneOf("input.duplicate-ids", "keep-first", "fail"),
        c.oneOf("input.missing-ids", InputConfig.DROP, InputConfig.FAIL),
        c.oneOf("input.malformed", InputConfig.DROP, InputConfig.FAIL),
        !tagged.columnLanguages().isEmpty());
  }

  private static String resolveAgainst(String baseLocation, String path) {
    if (baseLocation == null || hasScheme(path) || path.startsWith("/") || Path.of(path).isAbsolute()) {
      return path;
    }
    if (hasScheme(baseLocation)) {
      // A config on s3a://, abfss://, hdfs://...: its relative paths name objects beside it in the same store.
      return baseLocation.replaceAll("/+$", "") + "/" + path.replaceFirst("^(\\./)+", "");
    }
    return Path.of(baseLocation).resolve(path).normalize().toString();
  }

  private static boolean hasScheme(String path) {
    try {
      String scheme = URI.create(path.replace(" ", "%20").replace("*", "%2A")).getScheme();
      return scheme != null && scheme.length() > 1;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
