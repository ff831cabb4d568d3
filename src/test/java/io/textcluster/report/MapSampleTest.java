package io.textcluster.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MapSampleTest {
  @Test
  void textsAreCutToTheirByteShareOnWholeCharacters() {
    assertEquals("short", MapSample.cut("short", 250));
    String english = "word ".repeat(100);
    String cut = MapSample.cut(english, 250);
    assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= 250, cut);
    assertTrue(cut.endsWith("…") && english.startsWith(cut.substring(0, cut.length() - 1)));
    String japanese = "日本語の文章と😀絵文字".repeat(20);
    String cutJapanese = MapSample.cut(japanese, 100);
    assertTrue(cutJapanese.getBytes(StandardCharsets.UTF_8).length <= 100, cutJapanese);
    assertTrue(japanese.startsWith(cutJapanese.substring(0, cutJapanese.length() - 1)), "no half characters");
    assertTrue(cutJapanese.codePoints().noneMatch(c -> c == 0xFFFD));
  }
}
