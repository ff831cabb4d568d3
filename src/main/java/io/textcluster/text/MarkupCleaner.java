package io.textcluster.text;

import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns scraped text (HTML fragments, AG News' half-escaped entities) into plain text before tokenization. Markup
 * left in place would otherwise surface as keywords such as "quot", "br" or "39".
 */
public final class MarkupCleaner {

  private MarkupCleaner() {}

  /**
   * One pattern for every entity form, so a single left-to-right pass never decodes the output of another rule.
   * Groups: 1 decimal, 2 hex, 3 named (all with '&'); 4 AG News' bare named forms; 5 AG News' bare numeric forms.
   *
   * <p>The bare named forms must not follow a letter or digit, so "quota;" or "aquot;" stay as they are; AG News
   * glues the bare numeric forms to the previous word ("Sony#39;s"), so those may follow anything. Besides the
   * requested #39; and #36;, AG News also carries #145;-#151; (Windows-1252 quotes and dashes) and #8212;: a '#',
   * digits and ';' never form an ordinary word, so decoding every bare numeric form is as safe and leaves no "151"
   * tokens behind.
   */
  static final Pattern ENTITY =
      Pattern.compile(
          "&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));"
              + "|(?<![\\p{L}\\p{N}&])(quot|amp|lt|gt);"
              + "|#([0-9]{2,5});");

  /** A tag starts with a letter (or '/', '!', '?') right after '<', so "a < b" in running text survives. */
  private static final Pattern TAG =
      Pattern.compile("<!--.*?-->|</?[A-Za-z][^<>]{0,2000}>|<[!?][^<>]{0,2000}>", Pattern.DOTALL);

  private static final Charset CP1252 = Charset.forName("windows-1252");

  private static final Map<String, String> NAMED = new HashMap<>();

  static {
    String[] pairs = {
      "amp", "&", "quot", "\"", "lt", "<", "gt", ">", "apos", "'", "nbsp", " ", "shy", "",
      "ensp", " ", "emsp", " ", "thinsp", " ", "zwnj", "\u200C", "zwj", "\u200D",
      "lsquo", "\u2018", "rsquo", "\u2019", "sbquo", "\u201A", "ldquo", "\u201C", "rdquo", "\u201D",
      "bdquo", "\u201E", "laquo", "\u00AB", "raquo", "\u00BB", "lsaquo", "\u2039", "rsaquo", "\u203A",
      "ndash", "\u2013", "mdash", "\u2014", "hellip", "\u2026", "bull", "\u2022", "middot", "\u00B7",
      "prime", "\u2032", "Prime", "\u2033", "dagger", "\u2020", "Dagger", "\u2021", "permil", "\u2030",
      "copy", "\u00A9", "reg", "\u00AE", "trade", "\u2122", "deg", "\u00B0", "plusmn", "\u00B1",
      "times", "\u00D7", "divide", "\u00F7", "frac12", "\u00BD", "frac14", "\u00BC", "frac34", "\u00BE",
      "sup1", "\u00B9", "sup2", "\u00B2", "sup3", "\u00B3", "micro", "\u00B5", "para", "\u00B6",
      "sect", "\u00A7", "euro", "\u20AC", "pound", "\u00A3", "yen", "\u00A5", "cent", "\u00A2",
      "curren", "\u00A4", "iexcl", "\u00A1", "iquest", "\u00BF", "ordf", "\u00AA", "ordm", "\u00BA",
      "not", "\u00AC", "macr", "\u00AF", "acute", "\u00B4", "cedil", "\u00B8", "uml", "\u00A8",
      "szlig", "\u00DF", "eth", "\u00F0", "ETH", "\u00D0", "thorn", "\u00FE", "THORN", "\u00DE",
      "aelig", "\u00E6", "AElig", "\u00C6", "oelig", "\u0153", "OElig", "\u0152",
      "oslash", "\u00F8", "Oslash", "\u00D8", "aring", "\u00E5", "Aring", "\u00C5",
      "ccedil", "\u00E7", "Ccedil", "\u00C7", "ntilde", "\u00F1", "Ntilde", "\u00D1",
      "scaron", "\u0161", "Scaron", "\u0160", "yuml", "\u00FF", "Yuml", "\u0178",
    };
    for (int i = 0; i < pairs.length; i += 2) {
      NAMED.put(pairs[i], pairs[i + 1]);
    }
    // Accented vowels: &eacute; &Agrave; ... generated rather than listed one by one.
    String[][] accents = {
      {"grave", "\u00E0\u00E8\u00EC\u00F2\u00F9", "\u00C0\u00C8\u00CC\u00D2\u00D9"},
      {"acute", "\u00E1\u00E9\u00ED\u00F3\u00FA", "\u00C1\u00C9\u00CD\u00D3\u00DA"},
      {"circ", "\u00E2\u00EA\u00EE\u00F4\u00FB", "\u00C2\u00CA\u00CE\u00D4\u00DB"},
      {"uml", "\u00E4\u00EB\u00EF\u00F6\u00FC", "\u00C4\u00CB\u00CF\u00D6\u00DC"},
      {"tilde", "\u00E3\u0000\u0000\u00F5\u0000", "\u00C3\u0000\u0000\u00D5\u0000"},
    };
    String vowels = "aeiou";
    for (String[] accent : accents) {
      for (int v = 0; v < vowels.length(); v++) {
        if (accent[1].charAt(v) != 0) {
          NAMED.put(vowels.charAt(v) + accent[0], String.valueOf(accent[1].charAt(v)));
          NAMED.put(Character.toUpperCase(vowels.charAt(v)) + accent[0], String.valueOf(accent[2].charAt(v)));
        }
      }
    }
    NAMED.put("yacute", "\u00FD");
    NAMED.put("Yacute", "\u00DD");
  }

  /** Returns plain text with single spaces; null becomes the empty string. */
  public static String clean(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    // Entities first: AG News escapes its tags ("&lt;A HREF=...&gt;"), which only look like tags once decoded.
    // Two passes because some sources double-escape ("&amp;lt;").
    String s = decodeEntities(decodeEntities(text));
    // Most documents hold no tag: the regular expressions below cost more than the analysis itself, so they run only
    // where their first character occurs.
    if (s.indexOf('<') >= 0) {
      s = TAG.matcher(s).replaceAll(" ");
    }
    // AG News wrote line breaks as a lone backslash ("second\team"); no corpus here uses backslashes as content.
    s = s.replace('\\', ' ');
    return singleSpaces(s);
  }

  /**
   * Each run of spaces (Java's \\s, and the no-break, figure, narrow, ideographic and zero-width spaces) as one ' ',
   * then {@link String#trim()}: what a regular expression replacement gave, in one pass that copies nothing when the
   * text is already so.
   */
  static String singleSpaces(String s) {
    StringBuilder out = null;
    int n = s.length();
    boolean pendingSpace = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean space = isSpace(c);
      if (out == null) {
        // Unchanged so far: copy only once something differs (a run of spaces, a non-' ' space, an edge space).
        if (!space || (c == ' ' && i > 0 && i < n - 1 && !isSpace(s.charAt(i + 1)))) {
          continue;
        }
        out = new StringBuilder(n);
        out.append(s, 0, i);
      }
      if (space) {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
      }
    }
    String spaced = out == null ? s : out.toString();
    // trim() also drops control characters at either end, which are not spaces.
    boolean edges = !spaced.isEmpty() && (spaced.charAt(0) <= ' ' || spaced.charAt(spaced.length() - 1) <= ' ');
    return edges ? spaced.trim() : spaced;
  }

  private static boolean isSpace(char c) {
    switch (c) {
      case ' ', '\t', '\n', '\u000B', '\f', '\r', '\u00A0', '\u2007', '\u202F', '\u3000', '\u200B':
        return true;
      default:
        return false;
    }
  }

  static String decodeEntities(String text) {
    if (!mayHoldEntity(text)) {
      return text;
    }
    // Every form ends at a ';' and holds no ';' before it, so it ends at the first ';' after its start and starts at
    // most MAX_ENTITY - 1 characters before that ';'. The expression is only tried there: scanning the whole text
    // tried its three alternatives at every character (issue 20: 8% of the features stage on AG News, whose texts
    // carry "#39;"). Transparent bounds let the look-behind of the bare names see the character before a window.
    Matcher m = ENTITY.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    StringBuilder out = null;
    int last = 0;
    int afterPrevious = 0;
    for (int end = text.indexOf(';'); end >= 0; end = text.indexOf(';', end + 1)) {
      // A match never reaches past its ';', so the last replacement ended at or before afterPrevious.
      int from = Math.max(afterPrevious, end - MAX_ENTITY + 1);
      afterPrevious = end + 1;
      m.region(from, end + 1);
      if (!m.find()) {
        continue;
      }
      String replacement = replacement(m);
      if (replacement == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, last, m.start()).append(replacement);
      last = m.end();
    }
    if (out == null) {
      return text;
    }
    return out.append(text, last, text.length()).toString();
  }

  /** The longest text {@link #ENTITY} matches: '&amp;', a name of 32 characters and ';'. */
  private static final int MAX_ENTITY = 34;

  /**
   * Whether {@link #ENTITY} can match: every form ends in ';' with a '&' or '#' at most 33 characters before it, or
   * with one of the bare names right before it. Scanning for that first spares most texts the regular expression.
   */
  static boolean mayHoldEntity(String text) {
    for (int end = text.indexOf(';'); end >= 0; end = text.indexOf(';', end + 1)) {
      for (int i = end - 1; i >= Math.max(0, end - 33); i--) {
        char c = text.charAt(i);
        if (c == '&' || c == '#') {
          return true;
        }
      }
      if (text.startsWith("quot", end - 4) || text.startsWith("amp", end - 3) || text.startsWith("lt", end - 2)
          || text.startsWith("gt", end - 2)) {
        return true;
      }
    }
    return false;
  }

  /** Null leaves the match untouched (an unknown name such as "&foo;" is more likely text than markup). */
  static String replacement(Matcher m) {
    if (m.group(1) != null) {
      return codePoint(Integer.parseInt(m.group(1)));
    }
    if (m.group(2) != null) {
      return codePoint(Integer.parseInt(m.group(2), 16));
    }
    if (m.group(3) != null) {
      return NAMED.get(m.group(3));
    }
    if (m.group(4) != null) {
      return NAMED.get(m.group(4));
    }
    return codePoint(Integer.parseInt(m.group(5)));
  }

  private static String codePoint(int cp) {
    if (cp >= 0x80 && cp <= 0x9F) {
      // HTML5 and every browser read these C1 controls as Windows-1252 (&#151; is an em dash, not a control).
      return new String(new byte[] {(byte) cp}, CP1252);
    }
    if (cp == 0 || !Character.isValidCodePoint(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return null;
    }
    return new String(Character.toChars(cp));
  }
}
