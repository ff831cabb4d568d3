package io.textcluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextColumnsTest {

  @Test
  void plainColumnsKeepTheOneLanguagePath() {
    TextColumns columns = TextColumns.parse(List.of("title", "body"), "english");
    assertEquals(List.of("title", "body"), columns.names());
    assertTrue(columns.columnLanguages().isEmpty());
  }

  @Test
  void columnsNameTheirLanguageAfterAColonAndTheRestTakeTextLanguage() {
    TextColumns columns = TextColumns.parse(List.of("text:ar", "text_fa:Persian", "note"), "auto");
    assertEquals(List.of("text", "text_fa", "note"), columns.names());
    // The corpus carries them as _text_i: an input column may be called "text", the corpus's own joined column.
    assertEquals(List.of("_text_0=ar", "_text_1=Persian", "_text_2=auto"), columns.columnLanguages());
  }

  @Test
  void anUnknownLanguageNamesTheKeyTheEntryAndTheList() {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> TextColumns.parse(List.of("verse:xx"), "english"));
    assertTrue(e.getMessage().contains("input.text-columns") && e.getMessage().contains("verse:xx"), e.getMessage());
    assertTrue(e.getMessage().contains("docs/languages.md"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void textLanguageTakesCodesAndAutoAndRejectsTheRestOnOneLine() {
    assertEquals("persian", TextConfig.language("fa"));
    assertEquals("chinese", TextConfig.language("zh"));
    assertEquals("auto", TextConfig.language("Auto"));
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> TextConfig.language("klingon"));
    assertTrue(e.getMessage().startsWith("Config key 'text.language'"), e.getMessage());
  }
}
