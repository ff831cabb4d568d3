package io.textcluster.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A document template such as {@code "Title: {Summary}; Content: {Text}"}: literal text with {Column} slots. */
public final class TextTemplate {
  private static final Pattern SLOT = Pattern.compile("\\{([^{}]+)}");

  private TextTemplate() {}

  /** The columns the template names, in order of appearance. */
  public static List<String> columns(String template) {
    List<String> names = new ArrayList<>();
    Matcher m = SLOT.matcher(template);
    while (m.find()) {
      names.add(m.group(1).trim());
    }
    return names;
  }

  /** Alternating literal parts and column names: literal, column, literal, ..., literal. */
  public static List<String> parts(String template) {
    List<String> parts = new ArrayList<>();
    Matcher m = SLOT.matcher(template);
    int last = 0;
    while (m.find()) {
      parts.add(template.substring(last, m.start()));
      parts.add(m.group(1).trim());
      last = m.end();
    }
    parts.add(template.substring(last));
    return parts;
  }

  static void validate(String template, List<String> textColumns) {
    List<String> named = columns(template);
    if (named.isEmpty()) {
      throw InvalidConfigException.badValue(
          "input.text-template", template, "a template naming at least one text column in braces, e.g. "
              + "\"Title: {" + textColumns.get(0) + "}\"");
    }
    for (String column : named) {
      if (textColumns.stream().noneMatch(c -> c.equalsIgnoreCase(column))) {
        throw InvalidConfigException.badValue(
            "input.text-template", template,
            "a template whose {slots} are among input.text-columns " + textColumns + "; {" + column
                + "} is not");
      }
    }
  }
}
