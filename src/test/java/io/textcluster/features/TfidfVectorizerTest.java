package io.textcluster.features;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.support.SharedData;
import io.textcluster.support.SparkTest;
import io.textcluster.text.TextAnalyzer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fused TF-IDF stage gives what MLlib's CountVectorizer + IDF + Normalizer give (the same vocabulary rule, the same
 * weights), on real text: BBC News articles analysed as the job analyses them.
 */
@SparkTest
class TfidfVectorizerTest {
  private final SparkSession spark;

  TfidfVectorizerTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> analysedBbc() {
    Dataset<Row> articles =
        spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
            .csv(SharedData.corpus("bbc_news").resolve("bbc_news.part01.csv").toString())
            .select(col("id"), col("body").as("text"))
            .na().drop();
    return new TextAnalyzer().setInputCol("text").setOutputCol("tokens").transform(articles)
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  @Test
  void givesMllibsVectorsForTheSameVocabulary() {
    Dataset<Row> analysed = analysedBbc();
    // Bounds as the job's defaults: at least 5 documents, at most half of them.
    TfidfModel fused =
        new TfidfVectorizer().setInputCol("tokens").setOutputCol("fused").setMinDF(5).setMaxDF(0.5)
            .setVocabSize(1_000_000).fit(analysed);
    PipelineModel mllib =
        new Pipeline().setStages(new PipelineStage[] {
            new CountVectorizer().setInputCol("tokens").setOutputCol("counts").setMinDF(5).setMaxDF(0.5)
                .setVocabSize(1_000_000),
            new IDF().setInputCol("counts").setOutputCol("weights"),
            new Normalizer().setInputCol("weights").setOutputCol("expected").setP(2.0)}).fit(analysed);
    String[] theirs = ((CountVectorizerModel) mllib.stages()[0]).vocabulary();
    String[] ours = fused.vocabulary();
    assertEquals(java.util.Set.of(theirs), java.util.Set.of(ours), "the same terms pass the document bounds");
    assertTrue(ours.length > 1000, "a real vocabulary: " + ours.length);

    Map<String, Integer> theirIndex = new HashMap<>();
    for (int i = 0; i < theirs.length; i++) {
      theirIndex.put(theirs[i], i);
    }
    List<Row> rows = fused.transform(mllib.transform(analysed)).select("expected", "fused").collectAsList();
    int compared = 0;
    for (Row row : rows) {
      Vector expected = row.getAs(0);
      Vector actual = row.getAs(1);
      assertEquals(ours.length, actual.size());
      for (int i = 0; i < ours.length; i++) {
        assertEquals(expected.apply(theirIndex.get(ours[i])), actual.apply(i), 1e-12);
      }
      compared++;
    }
    assertEquals(analysed.count(), compared);
    // Both order the vocabulary by occurrences, most frequent first.
    assertEquals(theirs[0], ours[0]);
    analysed.unpersist();
  }

  @Test
  void keepsTheMostFrequentTermsAndSavesWithItsPipeline(@TempDir Path dir) throws Exception {
    Dataset<Row> analysed = analysedBbc();
    PipelineModel pipeline =
        new Pipeline().setStages(new PipelineStage[] {
            new TfidfVectorizer().setInputCol("tokens").setOutputCol("features").setMinDF(2).setVocabSize(500)})
            .fit(analysed);
    TfidfModel model = (TfidfModel) pipeline.stages()[0];
    assertEquals(500, model.vocabulary().length);
    pipeline.write().overwrite().save(dir.resolve("pipeline").toString());
    PipelineModel loaded = PipelineModel.load(dir.resolve("pipeline").toString());
    TfidfModel reloaded = (TfidfModel) loaded.stages()[0];
    assertArrayEquals(model.vocabulary(), reloaded.vocabulary());
    assertArrayEquals(model.idf(), reloaded.idf(), 0.0);
    assertEquals(500, reloaded.getVocabSize());
    List<Row> before = pipeline.transform(analysed).select("features").orderBy("id").collectAsList();
    List<Row> after = loaded.transform(analysed).select("features").orderBy("id").collectAsList();
    assertEquals(before, after);
    for (Row row : after) {
      Vector v = row.getAs(0);
      double norm = org.apache.spark.ml.linalg.Vectors.norm(v, 2);
      assertTrue(v.numNonzeros() == 0 || Math.abs(norm - 1) < 1e-9, "unit length or empty: " + norm);
    }
    analysed.unpersist();
  }

  @Test
  void refusesTermsThatAreNotAnArrayOfStrings() {
    Dataset<Row> text = spark.sql("select 'a b' as tokens");
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> new TfidfVectorizer().setInputCol("tokens").fit(text));
    assertTrue(error.getMessage().contains("array<string>"), error.getMessage());
  }
}
