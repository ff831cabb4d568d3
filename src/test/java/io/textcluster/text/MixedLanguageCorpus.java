package io.textcluster.text;

import com.opencsv.CSVReader;
import io.textcluster.support.SharedData;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A corpus of documents in known languages, built from the shared corpora: English (AG News, BBC News, Amazon fine
 * food reviews, the Quran's English translation), Japanese (livedoor), Arabic (the Quran) and Persian (its
 * translation). Each source contributes its first documents of more than {@code minChars} characters, with its
 * topic label (news section, sura) kept.
 */
final class MixedLanguageCorpus {

  record Document(String id, String language, String source, String label, String text) {}

  private MixedLanguageCorpus() {}

  static List<Document> build(int perSource, int minChars) {
    List<Document> docs = new ArrayList<>();
    docs.addAll(read("ag_news/ag_news_test.csv", "body", "label_name", "english", "ag_news", perSource, minChars));
    docs.addAll(read("bbc_news/bbc_news.part01.csv", "body", "label", "english", "bbc_news", perSource, minChars));
    docs.addAll(read("fine_food_reviews/fine_food_reviews_1k.csv", "Text", "label", "english", "fine_food", perSource,
        minChars));
    docs.addAll(read("livedoor/livedoor_subset.part01.csv", "body", "label", "japanese", "livedoor", perSource,
        minChars));
    // Verses in canonical order would all come from the long early suras: every third verse spreads the sample.
    docs.addAll(read("quran/quran_verses.part01.csv", "text", "label", "arabic", "quran_ar", perSource, minChars));
    docs.addAll(read("quran/quran_verses.part01.csv", "text_fa", "label", "persian", "quran_fa", perSource, minChars));
    docs.addAll(read("quran/quran_verses.part01.csv", "text_en", "label", "english", "quran_en", perSource, minChars));
    return docs;
  }

  static List<Document> read(
      String file, String textColumn, String labelColumn, String language, String source, int limit, int minChars) {
    Path path = SharedData.root().resolve(file);
    List<Document> out = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8); CSVReader csv = new CSVReader(in)) {
      List<String> header = Arrays.asList(csv.readNext());
      int text = header.indexOf(textColumn);
      int label = header.indexOf(labelColumn);
      String[] row;
      int seen = 0;
      while (out.size() < limit && (row = csv.readNext()) != null) {
        if (source.startsWith("quran") && seen++ % 3 != 0) {
          continue;
        }
        if (row.length > text && row[text].length() > minChars) {
          out.add(new Document(source + "-" + out.size(), language, source, row[label], row[text]));
        }
      }
    } catch (IOException | com.opencsv.exceptions.CsvValidationException e) {
      throw new UncheckedIOException(new IOException("Cannot read " + path + ": " + e.getMessage(), e));
    }
    return out;
  }
}
