package io.textcluster.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class MultilingualAnalysisTest {

  private final SparkSession spark;

  MultilingualAnalysisTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> mixed(int perSource) {
    StructType schema = new StructType()
        .add("id", DataTypes.StringType).add("known", DataTypes.StringType).add("text", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (MixedLanguageCorpus.Document d : MixedLanguageCorpus.build(perSource, 50)) {
      rows.add(RowFactory.create(d.id(), d.language(), d.text()));
    }
    return spark.createDataFrame(rows, schema);
  }

  @Test
  void autoDetectsEachDocumentAndAnalysesItInThatLanguage() {
    Dataset<Row> out = new TextAnalyzer().setLanguage("auto").transform(mixed(15));
    assertEquals(DataTypes.StringType, out.schema().apply("language").dataType());
    List<Row> rows = out.select("known", "language", "text", "tokens").collectAsList();
    int agree = 0;
    for (Row row : rows) {
      String language = row.getString(1);
      if (language.equals(row.getString(0))) {
        agree++;
      }
      // The tokens are exactly what the detected language's own analyzer makes of the cleaned text.
      List<String> expected = LanguageAnalyzers.analyze(
          LanguageAnalyzers.create(language, true, true), MarkupCleaner.clean(row.getString(2)));
      assertEquals(expected, row.getList(3), row.getString(2));
    }
    assertTrue(agree >= 0.99 * rows.size(), agree + " of " + rows.size());
    assertEquals(4, out.select("language").distinct().count(), "english, japanese, arabic, persian");
  }

  @Test
  void autoSurvivesSaveAndLoadWithItsPipeline(@TempDir Path dir) throws Exception {
    PipelineModel model =
        new Pipeline().setStages(new PipelineStage[] {new TextAnalyzer().setLanguage("AUTO")}).fit(mixed(2));
    model.write().overwrite().save(dir.resolve("m").toString());
    PipelineModel loaded = PipelineModel.load(dir.resolve("m").toString());
    assertEquals("auto", ((TextAnalyzer) loaded.stages()[0]).getLanguage());
    assertEquals(
        model.transform(mixed(2)).select("language").collectAsList(),
        loaded.transform(mixed(2)).select("language").collectAsList());
  }

  @Test
  void eachTextColumnIsAnalysedInItsOwnLanguage() {
    List<MixedLanguageCorpus.Document> arabic =
        MixedLanguageCorpus.read("quran/quran_verses.part01.csv", "text", "label", "arabic", "quran_ar", 40, 0);
    List<MixedLanguageCorpus.Document> persian =
        MixedLanguageCorpus.read("quran/quran_verses.part01.csv", "text_fa", "label", "persian", "quran_fa", 40, 0);
    StructType schema = new StructType()
        .add("id", DataTypes.IntegerType).add("verse", DataTypes.StringType).add("text_fa", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < arabic.size(); i++) {
      rows.add(RowFactory.create(i, arabic.get(i).text(), i % 10 == 0 ? null : persian.get(i).text()));
    }
    Dataset<Row> out = new TextAnalyzer()
        .setColumnLanguages(List.of("verse=ar", "text_fa=fa"))
        .transform(spark.createDataFrame(rows, schema));
    for (Row row : out.orderBy("id").collectAsList()) {
      List<String> expected = new ArrayList<>(
          LanguageAnalyzers.analyze(LanguageAnalyzers.create("arabic", true, true), row.getString(1)));
      if (!row.isNullAt(2)) {
        expected.addAll(LanguageAnalyzers.analyze(LanguageAnalyzers.create("persian", true, true), row.getString(2)));
      }
      assertEquals(expected, row.getList(3));
    }
  }

  @Test
  void unknownLanguagesAreRejectedWhenSet() {
    assertThrows(IllegalArgumentException.class, () -> new TextAnalyzer().setLanguage("klingon"));
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> new TextAnalyzer().setColumnLanguages(List.of("verse=klingon")));
    assertTrue(e.getMessage().contains("docs/languages.md"), e.getMessage());
  }
}
