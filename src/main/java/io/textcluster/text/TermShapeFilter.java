package io.textcluster.text;

import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The last filter of every analyzer: a keyword has to carry a letter, and a one-character keyword has to be a CJK
 * ideograph. Numbers, prices and symbol runs ("2004", "3.5", "--") never name a cluster; a lone kanji (車, 母) is a
 * word in Japanese, while a lone kana, Latin letter or Arabic letter is a particle, an initial or tokenizer debris.
 */
public final class TermShapeFilter extends FilteringTokenFilter {

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

  public TermShapeFilter(TokenStream input) {
    super(input);
  }

  @Override
  protected boolean accept() {
    return isKeywordShaped(term.buffer(), term.length());
  }

  static boolean isKeywordShaped(char[] buffer, int length) {
    int codePoints = 0;
    int firstCodePoint = -1;
    boolean hasLetter = false;
    for (int i = 0; i < length; ) {
      int cp = Character.codePointAt(buffer, i, length);
      if (codePoints == 0) {
        firstCodePoint = cp;
      }
      codePoints++;
      hasLetter |= Character.isLetter(cp);
      i += Character.charCount(cp);
    }
    if (!hasLetter) {
      return false;
    }
    return codePoints > 1 || Character.UnicodeScript.of(firstCodePoint) == Character.UnicodeScript.HAN;
  }
}
