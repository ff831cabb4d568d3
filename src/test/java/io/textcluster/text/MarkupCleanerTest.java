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
}
