package io.textcluster.config;

import io.textcluster.text.LanguageRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code input.text-columns} entries that may name their language after a colon: {@code ["text:ar", "text_fa:fa"]}.
 * The column names go to the input; "column=language" entries go to the analyzer (empty when no entry names a
 * language, so such configs analyse the joined text in {@code text.language} as before).
 */
public record TextColumns(List<String> names, List<String> columnLanguages) {

  /**
   * The name the corpus gives the i-th text column when columns have their own languages: an input column may well
   * be called "text" (the Quran's Arabic is), which is the corpus's own joined-text column.
   */
  public static String carried(int i) {
    return "_text_" + i;
  }

  public static TextColumns parse(List<String> entries, String defaultLanguage) {
    List<String> names = new ArrayList<>();
    List<String> languages = new ArrayList<>();
    boolean anyLanguage = false;
    for (String entry : entries) {
      int colon = entry.lastIndexOf(':');
      String column = entry;
      String language = defaultLanguage;
      if (colon > 0) {
        String suffix = entry.substring(colon + 1).trim();
        if (!LanguageRegistry.isValidSetting(suffix)) {
          throw new InvalidConfigException(
              "Config key 'input.text-columns' has the entry \"" + entry + "\": " + LanguageRegistry.unknown(suffix));
        }
        column = entry.substring(0, colon).trim();
        language = suffix;
        anyLanguage = true;
      }
      languages.add(carried(names.size()) + "=" + language);
      names.add(column);
    }
    return new TextColumns(List.copyOf(names), anyLanguage ? List.copyOf(languages) : List.of());
  }
}
