package io.textcluster.config;

import java.util.List;

/**
 * How keywords are told apart (issue 22), read from their own describe.* keys:
 *
 * @param excludeTerms describe.exclude-terms: analysed terms that are never keywords (the literal words of
 *     input.text-template are excluded as well, always)
 * @param boilerplateShare describe.boilerplate-share: a term among the top keywords of more than this share of the
 *     clusters is dropped from all of them (1 = off)
 * @param diversity describe.keyword-diversity: maximal-marginal-relevance weight on diversity, 0 (off) to 1
 */
public record KeywordConfig(List<String> excludeTerms, double boilerplateShare, double diversity) {
  public static final KeywordConfig DEFAULTS = new KeywordConfig(List.of(), 0.5, 0);

  static KeywordConfig read(TypedConfig c) {
    double share = c.positiveDouble("describe.boilerplate-share");
    if (share > 1) {
      throw InvalidConfigException.badValue("describe.boilerplate-share", share, "a fraction in (0, 1] (1 = off)");
    }
    String diversityText = c.string("describe.keyword-diversity");
    double diversity;
    try {
      diversity = Double.parseDouble(diversityText);
    } catch (NumberFormatException e) {
      throw InvalidConfigException.badValue("describe.keyword-diversity", diversityText, "a number from 0 to 1");
    }
    if (!(diversity >= 0 && diversity <= 1)) {
      throw InvalidConfigException.badValue("describe.keyword-diversity", diversity, "a number from 0 to 1");
    }
    List<String> exclude =
        c.stringList("describe.exclude-terms").stream().map(t -> t.toLowerCase(java.util.Locale.ROOT)).toList();
    return new KeywordConfig(exclude, share, diversity);
  }
}
