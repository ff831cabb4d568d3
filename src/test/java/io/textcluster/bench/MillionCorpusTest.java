package io.textcluster.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The million-document generator: deterministic, every row a perturbed copy of a source with its source's label. */
class MillionCorpusTest {
  private static final String[] TEXTS = {
    "the central bank raised interest rates again as inflation stayed high across the region this quarter",
    "the striker scored twice in the second half and the home side won the league match comfortably",
    "the new phone ships with a faster chip a brighter screen and a battery that lasts two full days"
  };
  private static final String[] LABELS = {"business", "sport", "tech"};

  private static List<Row> generate(long rows, long seed) {
    List<Row> out = new ArrayList<>();
    MillionCorpus.generate(LongStream.range(0, rows).boxed().iterator(), TEXTS, LABELS, seed).forEachRemaining(out::add);
    return out;
  }

  @Test
  void rowsAreDeterministicPerturbedAndLabelledBySource() {
    List<Row> first = generate(300, 42);
    assertEquals(first, generate(300, 42));
    assertNotEquals(first, generate(300, 43));
    Set<String> texts = new HashSet<>();
    for (Row row : first) {
      String text = row.getString(1);
      texts.add(text);
      int source = List.of(LABELS).indexOf(row.getString(2));
      assertTrue(source >= 0, row.toString());
      // Most words still come from the source the label names.
      Set<String> sourceWords = new HashSet<>(List.of(TEXTS[source].split(" ")));
      long kept = List.of(text.split(" ")).stream().filter(sourceWords::contains).count();
      assertTrue(kept >= 0.7 * text.split(" ").length, row.toString());
    }
    assertEquals("m0000000", first.get(0).getString(0));
    // Perturbation makes copies of three sources into (nearly) all-different documents.
    assertTrue(texts.size() > 250, texts.size() + " distinct texts of 300");
  }
}
