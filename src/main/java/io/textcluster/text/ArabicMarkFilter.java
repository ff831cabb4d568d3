package io.textcluster.text;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Deletes the combining marks ArabicNormalizationFilter leaves behind: it removes the harakat (U+064B-U+0652) but
 * not the superscript alef (U+0670) or the Quranic annotation signs (U+06D6-U+06ED), so "الرحمٰن" and "الرحمن"
 * would stay two keywords.
 */
final class ArabicMarkFilter extends TokenFilter {

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

  ArabicMarkFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws java.io.IOException {
    if (!input.incrementToken()) {
      return false;
    }
    char[] buffer = term.buffer();
    int length = term.length();
    int kept = 0;
    for (int i = 0; i < length; i++) {
      char c = buffer[i];
      if (Character.getType(c) != Character.NON_SPACING_MARK) {
        buffer[kept++] = c;
      }
    }
    term.setLength(kept);
    return true;
  }
}
