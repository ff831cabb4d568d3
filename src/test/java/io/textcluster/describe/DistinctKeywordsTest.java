package io.textcluster.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.TextConfig;
import io.textcluster.support.SparkTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Issue 22, part 6: template words, boilerplate and near-duplicates leave the keywords; distinct ones stay. */
@SparkTest
class DistinctKeywordsTest {
  private final SparkSession spark;

  DistinctKeywordsTest(SparkSession spark) {
    this.spark = spark;
  }

  private static List<Keyword> of(String... terms) {
    Keyword[] keywords = new Keyword[terms.length];
    for (int i = 0; i < terms.length; i++) {
      keywords[i] = new Keyword(terms[i], 1.0 - i * 0.05);
    }
    return List.of(keywords);
  }

  private static List<String> terms(List<Keyword> keywords) {
    return keywords.stream().map(Keyword::term).toList();
  }

  @Test
  void boilerplateSharedByMostClustersIsDropped() {
    Map<Integer, List<Keyword>> candidates = Map.of(
        0, of("continue reading", "football", "goal", "league"),
        1, of("continue reading", "election", "vote", "party"),
        2, of("film", "continue reading", "actor", "award"),
        3, of("market", "shares", "bank", "profit"));
    Map<Integer, List<Keyword>> chosen = DistinctKeywords.select(candidates, 3, Set.of(), 0.5, 0);
    assertEquals(List.of("football", "goal", "league"), terms(chosen.get(0)));
    assertEquals(List.of("film", "actor", "award"), terms(chosen.get(2)));
    // Off at 1: the same term stays.
    assertTrue(terms(DistinctKeywords.select(candidates, 3, Set.of(), 1, 0).get(0)).contains("continue reading"));
  }

  @Test
  void excludedWordsGoAloneAndInsideBigrams() {
    Map<Integer, List<Keyword>> chosen =
        DistinctKeywords.select(Map.of(0, of("title", "title content", "dog food", "treat")), 2,
            Set.of("title", "content"), 1, 0);
    assertEquals(List.of("dog food", "treat"), terms(chosen.get(0)));
  }

  @Test
  void diversityKeepsOverlappingTermsApart() {
    List<Keyword> candidates = of("minister", "prime minister", "minister said", "tax", "budget");
    assertEquals(List.of("minister", "prime minister", "minister said"),
        terms(DistinctKeywords.select(Map.of(0, candidates), 3, Set.of(), 1, 0).get(0)));
    List<String> diverse = terms(DistinctKeywords.select(Map.of(0, candidates), 3, Set.of(), 1, 0.5).get(0));
    assertEquals("minister", diverse.get(0));
    assertTrue(diverse.contains("tax") && diverse.contains("budget"), diverse.toString());
  }

  @Test
  void theTemplatesLiteralWordsAreFoundAsTheAnalyzerSeesThem() {
    TextConfig english = new TextConfig("english", java.util.List.of(), true, true, false, 10_000);
    Set<String> words =
        TemplateWords.terms(spark, Optional.of("Title: {Summary}; Content: {Text}"), english);
    assertTrue(words.contains("titl") || words.contains("title"), words.toString());
    assertTrue(words.stream().anyMatch(w -> w.startsWith("content")), words.toString());
    assertFalse(words.contains("summary") || words.contains("text"), words.toString());
    assertEquals(Set.of(), TemplateWords.terms(spark, Optional.empty(), english));
  }
}
