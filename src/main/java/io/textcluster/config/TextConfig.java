package io.textcluster.config;

import io.textcluster.text.LanguageRegistry;
import java.util.List;

/**
 * How document text is analysed into terms. {@code language} is a canonical name from {@link LanguageRegistry} or
 * "auto"; {@code columnLanguages} holds "column=language" entries when input.text-columns name languages (else empty).
 */
public record TextConfig(
    String language,
    List<String> columnLanguages,
    boolean stopwords,
    boolean stemming,
    boolean cleanMarkup,
    int maxChars) {

  /** True when the analyzer writes each document's detected language (auto, no per-column languages; issue 19). */
  public boolean writesLanguage() {
    return language.equals(LanguageRegistry.AUTO) && columnLanguages.isEmpty();
  }

  /** Reads text.language: any name or ISO code Lucene has an analyzer for, generic, or auto. */
  static String language(String value) {
    if (value.trim().equalsIgnoreCase(LanguageRegistry.AUTO)) {
      return LanguageRegistry.AUTO;
    }
    return LanguageRegistry.find(value).orElseThrow(
        () -> new InvalidConfigException("Config key 'text.language': " + LanguageRegistry.unknown(value)));
  }
}
