package io.textcluster.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MarkupCleanerTest {

  @Test
  void decodesAgNewsBareEntities() {
    assertEquals("Sony's new console", MarkupCleaner.clean("Sony#39;s new console"));
    assertEquals("\"Hello \" he said", MarkupCleaner.clean("quot;Hello quot; he said"));
    assertEquals("raised $5 million", MarkupCleaner.clean("raised #36;5 million"));
    assertEquals("AT &T", MarkupCleaner.clean("AT amp;T"));
    assertEquals("a < b > c", MarkupCleaner.clean("a lt; b gt; c"));
    assertEquals("war \u2014 again", MarkupCleaner.clean("war #151; again"));
  }

  @Test
  void backslashLineBreaksBecomeSpaces() {
    assertEquals("A second team of rocketeers", MarkupCleaner.clean("A second\\team of rocketeers"));
  }

  @Test
  void ordinaryWordsContainingEntityNamesAreUntouched() {
    assertEquals("the quota; a quotation", MarkupCleaner.clean("the quota; a quotation"));
    assertEquals("example; ampere; salt; eight;", MarkupCleaner.clean("example; ampere; salt; eight;"));
    assertEquals("aquot; stays", MarkupCleaner.clean("aquot; stays"));
  }

  @Test
  void stripsTagsFromReviews() {
    assertEquals(
        "Great taste. Would buy again.", MarkupCleaner.clean("Great taste.<br /><br />Would buy again."));
    assertEquals(
        "see this link now", MarkupCleaner.clean("see <a href=\"http://x.y/z?a=1&amp;b=2\">this link</a> now"));
    assertEquals("one two", MarkupCleaner.clean("<p>one</p><p>two</p>"));
    assertEquals("a < b and c > d", MarkupCleaner.clean("a < b and c > d"));
  }

  @Test
  void stripsEscapedTagsAsAgNewsWritesThem() {
    assertEquals(
        "Staples Inc. SPLS.O , the top",
        MarkupCleaner.clean("Staples Inc. &lt;A HREF=\"http://www.investor.reuters.com/\"&gt;SPLS.O&lt;/A&gt;, the top"));
  }

  @Test
  void decodesRealEntities() {
    assertEquals(
        "Tom & Jerry \"quoted\" 1 < 2 it's it's caf\u00e9 \u00e9 \u00a9 \u2014 x y",
        MarkupCleaner.clean(
            "Tom &amp; Jerry &quot;quoted&quot; 1 &lt; 2 it&#39;s it&#x27;s caf&eacute; &#233; &copy; &mdash; x&nbsp;y"));
    assertEquals("&unknownentity; stays", MarkupCleaner.clean("&unknownentity; stays"));
  }

  @Test
  void nullAndWhitespace() {
    assertEquals("", MarkupCleaner.clean(null));
    assertEquals("", MarkupCleaner.clean("  \n\t "));
    assertEquals("a b c", MarkupCleaner.clean("  a \n\n b\u3000c  "));
  }

  /** The one-pass space folding gives what the regular expression it replaced gave, on random space-heavy text. */
  @Test
  void singleSpacesMatchesTheRegularExpression() {
    java.util.regex.Pattern space = java.util.regex.Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\u3000\\u200B]+");
    char[] alphabet = {'a', 'b', ' ', ' ', '\t', '\n', '\r', '\f', '\u000B', '\u00A0', '\u2007', '\u202F', '\u3000',
        '\u200B', '\u0001', '\u001F', 'z'};
    java.util.Random random = new java.util.Random(7);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String s = text.toString();
      assertEquals(space.matcher(s).replaceAll(" ").trim(), MarkupCleaner.singleSpaces(s), () -> "for " + escape(s));
    }
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    s.chars().forEach(c -> out.append(String.format("\\u%04x", c)));
    return out.toString();
  }

  /** The scan that spares most texts the entity expression never skips a text the expression would change. */
  @Test
  void theEntityPrefilterNeverSkipsAnEntity() {
    String[] pieces = {"&", "#", ";", "amp", "quot", "lt", "gt", "39", "x27", "eacute", "a", " ", "Sony", "1"};
    java.util.Random random = new java.util.Random(11);
    int withEntity = 0;
    for (int round = 0; round < 50_000; round++) {
      String s = randomText(random, pieces, 8);
      boolean matches = MarkupCleaner.ENTITY.matcher(s).find();
      if (matches) {
        withEntity++;
        assertEquals(true, MarkupCleaner.mayHoldEntity(s), () -> "skipped " + s);
      }
    }
    assertEquals(true, withEntity > 1000, "the random texts hold entities: " + withEntity);
    assertEquals(false, MarkupCleaner.mayHoldEntity("plain text; with a semicolon but nothing to decode"));
  }

  /** Decoding only near each ';' gives what scanning the whole text gives, on random texts dense with entities. */
  @Test
  void decodingNearSemicolonsEqualsTheWholeTextScan() {
    String[] pieces = {"&", "#", ";", "amp", "quot", "lt", "gt", "39", "x27", "#x41", "eacute", "zzz", "a", " ",
        "Sony", "1", "151", "&#", "&amp;", "#39;", "&lt;b&gt;", "q", "123456"};
    java.util.Random random = new java.util.Random(7);
    int changed = 0;
    for (int round = 0; round < 100_000; round++) {
      String s = randomText(random, pieces, 12);
      String expected = decodeByFullScan(s);
      if (!expected.equals(s)) {
        changed++;
      }
      assertEquals(expected, MarkupCleaner.decodeEntities(s), () -> "decoded differently: " + s);
    }
    assertEquals(true, changed > 10_000, "the random texts hold entities: " + changed);
  }

  /** Up to {@code maxPieces - 1} pieces drawn at random, joined. */
  private static String randomText(java.util.Random random, String[] pieces, int maxPieces) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(maxPieces);
    for (int i = 0; i < length; i++) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }

  /** What decoding did before it looked only near semicolons: the expression tried at every character. */
  private static String decodeByFullScan(String text) {
    java.util.regex.Matcher m = MarkupCleaner.ENTITY.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    while (m.find()) {
      String replacement = MarkupCleaner.replacement(m);
      if (replacement != null) {
        out.append(text, last, m.start()).append(replacement);
        last = m.end();
      }
    }
    return out.append(text, last, text.length()).toString();
  }
}
