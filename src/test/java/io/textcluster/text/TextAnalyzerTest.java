package io.textcluster.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.support.SharedData;
import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class TextAnalyzerTest {

  private final SparkSession spark;

  TextAnalyzerTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> docs() {
    StructType schema =
        new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType, true);
    List<Row> rows =
        Arrays.asList(
            RowFactory.create(1, "The runners were running, quot;fast quot; Sony#39;s companies<br />grows"),
            RowFactory.create(2, null),
            RowFactory.create(3, "2004 -- $"));
    return spark.createDataFrame(rows, schema);
  }

  private static List<List<String>> tokens(Dataset<Row> out, String column) {
    List<List<String>> result = new ArrayList<>();
    for (Row row : out.orderBy("id").select(column).collectAsList()) {
      result.add(row.getList(0));
    }
    return result;
  }

  @Test
  void transformsAndNeverReturnsNull() {
    Dataset<Row> out = new TextAnalyzer().transform(docs());
    assertEquals(DataTypes.createArrayType(DataTypes.StringType, false), out.schema().apply("tokens").dataType());
    assertFalse(out.schema().apply("tokens").nullable());
    List<List<String>> t = tokens(out, "tokens");
    assertTrue(t.get(0).containsAll(List.of("runner", "sony", "company", "grow")), t.get(0)::toString);
    assertFalse(t.get(0).contains("the"), t.get(0)::toString);
    assertFalse(t.get(0).contains("quot"), t.get(0)::toString);
    assertFalse(t.get(0).contains("br"), t.get(0)::toString);
    assertEquals(List.of(), t.get(1));
    assertEquals(List.of(), t.get(2));
  }

  @Test
  void switchesAndTruncation() {
    Dataset<Row> out =
        new TextAnalyzer()
            .setOutputCol("raw")
            .setStopwords(false)
            .setStemming(false)
            .setCleanMarkup(false)
            .setMaxChars(15)
            .transform(docs());
    // Only "The runners wer" (15 chars) is analyzed, untouched by stop words and stemming.
    assertEquals(List.of("the", "runners", "wer"), tokens(out, "raw").get(0));
  }

  @Test
  void rejectsWrongInputType() {
    Dataset<Row> numbers = docs().withColumn("text", functions.col("id"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new TextAnalyzer().transform(numbers));
    assertTrue(
        e.getMessage().contains("Column text must be of type string but was actually int"), e.getMessage());
  }

  @Test
  void missingColumnListsExistingOnes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new TextAnalyzer().setInputCol("body").transform(docs()));
    assertTrue(e.getMessage().contains("body"), e.getMessage());
    assertTrue(e.getMessage().contains("id, text"), e.getMessage());
  }

  @Test
  void existingOutputColumnRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new TextAnalyzer().setOutputCol("id").transform(docs()));
    assertTrue(e.getMessage().contains("id"), e.getMessage());
  }

  @Test
  void paramsAreValidated() {
    TextAnalyzer analyzer = new TextAnalyzer();
    assertEquals("english", analyzer.getLanguage());
    assertEquals(100_000, analyzer.getMaxChars());
    assertThrows(IllegalArgumentException.class, () -> analyzer.setLanguage("klingon"));
    assertThrows(IllegalArgumentException.class, () -> analyzer.setMaxChars(0));
    assertThrows(IllegalArgumentException.class, () -> analyzer.setInputCol(" "));
    assertTrue(analyzer.explainParams().contains("japanese"), analyzer.explainParams());
    // language, columnLanguages, languageCol (issue 19) besides the original seven.
    assertEquals(9, analyzer.params().length);
    TextAnalyzer copy = analyzer.setLanguage("japanese").copy(new org.apache.spark.ml.param.ParamMap());
    assertEquals("japanese", copy.getLanguage());
    assertEquals(analyzer.uid(), copy.uid());
  }

  @Test
  void savesAndLoadsInAPipeline(@TempDir Path dir) throws Exception {
    TextAnalyzer analyzer =
        new TextAnalyzer().setInputCol("text").setOutputCol("words").setStemming(false).setMaxChars(5000);
    PipelineModel model = new Pipeline().setStages(new PipelineStage[] {analyzer}).fit(docs());
    String path = dir.resolve("pipeline").toString();
    model.save(path);

    PipelineModel loaded = PipelineModel.load(path);
    TextAnalyzer stage = (TextAnalyzer) loaded.stages()[0];
    assertEquals(analyzer.uid(), stage.uid());
    assertFalse(stage.getStemming());
    assertEquals(5000, stage.getMaxChars());
    assertEquals("words", stage.getOutputCol());
    assertEquals(tokens(model.transform(docs()), "words"), tokens(loaded.transform(docs()), "words"));

    analyzer.write().overwrite().save(dir.resolve("stage").toString());
    assertEquals(analyzer.extractParamMap().toString(),
        TextAnalyzer.load(dir.resolve("stage").toString()).extractParamMap().toString());
  }

  private static final Set<String> PARTICLES = Set.of("は", "が", "を", "に", "の", "で", "と", "も");

  @Test
  void livedoorTopTokensAreRealWords() {
    Path csv = SharedData.corpus("livedoor").resolve("livedoor_subset.part01.csv");
    Dataset<Row> docs =
        spark
            .read()
            .option("header", true)
            .option("multiLine", true)
            .option("escape", "\"")
            .csv(csv.toString())
            .select(functions.concat_ws(" ", functions.col("title"), functions.col("body")).as("text"));
    Dataset<Row> tokens = new TextAnalyzer().setLanguage("japanese").transform(docs);
    List<Row> top =
        tokens
            .select(functions.explode(functions.col("tokens")).as("token"))
            .groupBy("token")
            .count()
            .orderBy(functions.desc("count"), functions.asc("token"))
            .limit(30)
            .collectAsList();
    assertEquals(30, top.size());
    List<String> words = new ArrayList<>();
    for (Row row : top) {
      words.add(row.getString(0));
    }
    for (String word : words) {
      assertFalse(PARTICLES.contains(word), "particle in top 30: " + words);
      assertFalse(LanguageAnalyzersTest.isSingleKana(word), "single kana in top 30: " + words);
    }
    System.out.println("livedoor part01 top 30 tokens: " + words);
  }
}
