package io.textcluster.config;

import java.util.List;

/** How document text is analysed into terms. */
public record TextConfig(
    String language, boolean stopwords, boolean stemming, boolean cleanMarkup, int maxChars) {
  public static final List<String> LANGUAGES =
      List.of("english", "arabic", "persian", "japanese", "russian", "generic");
}
