package io.textcluster.describe;

import io.textcluster.config.JobConfig;
import io.textcluster.config.KeywordConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A run's keywords: class-based TF-IDF candidates ({@link ClusterKeywords}, three times describe.keywords), from which
 * {@link DistinctKeywords} drops the template's words, excluded terms and boilerplate, and picks diverse ones.
 */
public final class KeywordSelection {
  /** Candidates scored per wanted keyword: room for what exclusion, boilerplate and diversity take away. */
  static final int CANDIDATES_PER_KEYWORD = 3;

  private KeywordSelection() {}

  public static Map<Integer, List<Keyword>> top(
      SparkSession spark, Dataset<Row> assigned, String clusterCol, String termsCol, Optional<String[]> vocabulary,
      int clusters, JobConfig config) {
    int wanted = config.describe().keywords();
    boolean bigrams = config.describe().bigrams();
    Map<Integer, List<Keyword>> candidates =
        vocabulary.isPresent() && !bigrams && VocabularyTermCounts.fits(clusters, vocabulary.get().length)
            ? VocabularyTermCounts.count(assigned.select(clusterCol, termsCol), vocabulary.get())
                .top(vocabulary.get(), wanted * CANDIDATES_PER_KEYWORD)
            : ClusterKeywords.top(spark, assigned, clusterCol, termsCol, vocabulary, wanted * CANDIDATES_PER_KEYWORD,
                bigrams);
    KeywordConfig keywords = config.keywords();
    Set<String> excluded = new HashSet<>(keywords.excludeTerms());
    excluded.addAll(TemplateWords.terms(spark, config.input().textTemplate(), config.text()));
    return DistinctKeywords.select(candidates, wanted, excluded, keywords.boilerplateShare(), keywords.diversity());
  }
}
