package io.textcluster.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A small synthetic English corpus in three topics, written as CSV (id,body,score), for fast job tests. */
public final class SmallCorpus {
  private static final String[][] TOPICS = {
    {"football", "match", "goal", "league", "striker", "coach", "season", "stadium"},
    {"market", "shares", "profit", "bank", "investors", "economy", "trading", "prices"},
    {"software", "computer", "internet", "phone", "users", "digital", "network", "chip"}
  };

  private SmallCorpus() {}

  /** Writes {@code documents} rows to {@code file}; row i is about topic i % 3. */
  public static Path write(Path file, int documents, long seed) throws IOException {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder("id,body,score\n");
    for (int i = 0; i < documents; i++) {
      String[] words = TOPICS[i % TOPICS.length];
      StringBuilder body = new StringBuilder();
      for (int w = 0; w < 12; w++) {
        body.append(words[random.nextInt(words.length)]).append(' ');
      }
      csv.append(i).append(',').append(body.toString().trim()).append(',').append(1 + random.nextInt(5)).append('\n');
    }
    Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
    return file;
  }

  /** A job config over such a file, writing to {@code lake}. */
  public static String config(Path csv, Path lake, int k) {
    return "input { path = \"" + csv + "\", id-column = id, text-columns = [body], keep-columns = [score] }\n"
        + "features.tfidf.min-doc-freq = 1\n"
        + "cluster { k = " + k + ", restarts = 1 }\n"
        + "output.path = \"" + lake + "\"\n";
  }
}
