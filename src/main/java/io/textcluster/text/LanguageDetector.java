package io.textcluster.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.regex.Pattern;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * The language of one document, as a {@link LanguageRegistry} name: Apache OpenNLP's language detector with the
 * 103-language model Apache publishes on Maven Central (docs/languages.md has the comparison that chose it).
 * Languages the model knows but Lucene has no analyzer for, and texts too short to tell, come back as "generic".
 */
public final class LanguageDetector {

  /** Below this many letters a guess is mostly noise; such documents get the generic analyzer. */
  static final int MIN_LETTERS = 10;

  /** Only the start of a long document is read: a thousand characters decide the language as well as all of it. */
  static final int MAX_CHARS = 1000;

  /** Vowel marks (Arabic harakat, Hebrew niqqud, combining accents): the model was trained on unvocalized text, and
   * vocalized Quran verses were read as Pashto until the marks were dropped. */
  private static final Pattern MARKS = Pattern.compile("\\p{Mn}+");

  private static volatile LanguageDetectorModel model;

  /** LanguageDetectorME keeps no state between calls, but is not documented as thread-safe: one per thread. */
  private static final ThreadLocal<LanguageDetectorME> DETECTOR =
      ThreadLocal.withInitial(() -> new LanguageDetectorME(model()));

  private LanguageDetector() {}

  private static LanguageDetectorModel model() {
    if (model == null) {
      synchronized (LanguageDetector.class) {
        if (model == null) {
          try (InputStream in = LanguageDetector.class.getResourceAsStream("/langdetect-183.bin")) {
            if (in == null) {
              throw new IllegalStateException(
                  "The language detection model langdetect-183.bin (org.apache.opennlp:opennlp-models-langdetect) "
                      + "is not on the classpath; text.language = auto needs it.");
            }
            model = new LanguageDetectorModel(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    return model;
  }

  /** The analyzer language of the text: a registry name, "generic" when unknown to Lucene or too short to tell. */
  public static String detect(String text) {
    String code = detectCode(text);
    return code == null ? "generic" : LanguageRegistry.find(code).orElse("generic");
  }

  /** The detector's own ISO 639-3 code, or null when the text has too few letters. */
  public static String detectCode(String text) {
    if (text == null) {
      return null;
    }
    String sample = prepare(text);
    int letters = 0;
    for (int i = 0; i < sample.length() && letters < MIN_LETTERS; i++) {
      if (Character.isLetter(sample.charAt(i))) {
        letters++;
      }
    }
    if (letters < MIN_LETTERS) {
      return null;
    }
    Language best = DETECTOR.get().predictLanguage(sample);
    return best == null ? null : best.getLang();
  }

  static String prepare(String text) {
    String head = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    return MARKS.matcher(Normalizer.normalize(head, Normalizer.Form.NFKC)).replaceAll("");
  }
}
