package io.textcluster.text;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.describe.ClusterLanguages;
import io.textcluster.evaluate.ExternalMetrics;
import io.textcluster.support.SharedData;
import io.textcluster.support.SparkTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's measurements (minutes, so heavy: submit/bench.sh heavy): seed 001's per-column languages against
 * Persian only on the whole Quran, detection and analysis throughput beside the single-language path, and how far
 * clusters of a mixed corpus split by language. Figures are printed; the asserts only guard against broken setups.
 */
@Tag("heavy")
@SparkTest
class LanguageBenchmarkTest {

  private final SparkSession spark;

  LanguageBenchmarkTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> quran() {
    return spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
        .csv(SharedData.corpus("quran").resolve("quran_verses.part0*.csv").toString());
  }

  private static double vMeasure(Dataset<Row> predicted, String labelCol) {
    List<Row> pairs = predicted.groupBy(labelCol, "prediction").count().collectAsList();
    Map<String, Integer> labels = new HashMap<>();
    Map<Integer, Integer> clusters = new HashMap<>();
    for (Row r : pairs) {
      labels.putIfAbsent(r.getString(0), labels.size());
      clusters.putIfAbsent(r.getInt(1), clusters.size());
    }
    long[][] table = new long[labels.size()][clusters.size()];
    for (Row r : pairs) {
      table[labels.get(r.getString(0))][clusters.get(r.getInt(1))] += r.getLong(2);
    }
    return ExternalMetrics.compute(table).get("v_measure");
  }

  private Dataset<Row> cluster(Dataset<Row> docs, TextAnalyzer analyzer, int k) {
    PipelineStage[] stages = {
      analyzer.setOutputCol("tokens"),
      new CountVectorizer().setInputCol("tokens").setOutputCol("counts").setMinDF(2).setVocabSize(30_000),
      new IDF().setInputCol("counts").setOutputCol("tfidf"),
      new Normalizer().setInputCol("tfidf").setOutputCol("features"),
      new KMeans().setK(k).setSeed(7).setMaxIter(40).setFeaturesCol("features"),
    };
    return new Pipeline().setStages(stages).fit(docs).transform(docs);
  }

  @Test
  void seed001PerColumnLanguagesAgainstPersianOnly() {
    Dataset<Row> quran = quran().selectExpr("sura", "revelation", "coalesce(text, '') as text",
        "coalesce(text_fa, '') as text_fa", "concat_ws('. ', text, text_fa) as joined").cache();
    Map<String, TextAnalyzer> setups = new java.util.LinkedHashMap<>();
    setups.put("persian only (text_fa)", new TextAnalyzer().setInputCol("text_fa").setLanguage("persian"));
    setups.put("arabic only (text)", new TextAnalyzer().setInputCol("text").setLanguage("arabic"));
    setups.put("both joined, analysed as persian", new TextAnalyzer().setInputCol("joined").setLanguage("persian"));
    setups.put("per column: text:ar + text_fa:fa",
        new TextAnalyzer().setColumnLanguages(List.of("text=arabic", "text_fa=persian")));
    for (Map.Entry<String, TextAnalyzer> setup : setups.entrySet()) {
      double sura = vMeasure(cluster(quran, setup.getValue().copy(new org.apache.spark.ml.param.ParamMap()), 114),
          "sura");
      double revelation = vMeasure(cluster(quran, setup.getValue(), 2), "revelation");
      System.out.printf(Locale.ROOT, "[bench] seed 001 %-36s V-measure sura (k=114) %.4f, revelation (k=2) %.4f%n",
          setup.getKey(), sura, revelation);
      assertTrue(sura > 0 && revelation >= 0);
    }
  }

  @Test
  void detectionAndAnalysisThroughputBesideTheSingleLanguagePath() {
    List<MixedLanguageCorpus.Document> docs = MixedLanguageCorpus.build(400, 50);
    List<String> texts = docs.stream().map(MixedLanguageCorpus.Document::text).toList();
    TextAnalyzer.AnalyzeText english = new TextAnalyzer.AnalyzeText("english", true, true, true, 100_000);
    DetectAndAnalyze auto = new DetectAndAnalyze(true, true, true, 100_000);
    Map<String, TextAnalyzer.AnalyzeText> own = new HashMap<>();
    for (int round = 0; round < 2; round++) {  // the first round warms up the JIT and loads dictionaries
      long t0 = System.nanoTime();
      texts.forEach(LanguageDetector::detect);
      long t1 = System.nanoTime();
      texts.forEach(auto::call);
      long t2 = System.nanoTime();
      texts.forEach(english::call);
      long t3 = System.nanoTime();
      docs.forEach(d -> own.computeIfAbsent(d.language(),
          l -> new TextAnalyzer.AnalyzeText(l, true, true, true, 100_000)).call(d.text()));
      long t4 = System.nanoTime();
      if (round == 1) {
        System.out.printf(Locale.ROOT, "[bench] %d mixed documents, one thread: detection alone %.0f docs/s; "
                + "auto (detect + analyse) %.0f docs/s; single language (english analyzer on all) %.0f docs/s; "
                + "each document's known language, no detection %.0f docs/s%n",
            texts.size(), rate(texts.size(), t1 - t0), rate(texts.size(), t2 - t1), rate(texts.size(), t3 - t2),
            rate(texts.size(), t4 - t3));
      }
    }
    // Through Spark (local session, all its cores): auto against a fixed language over the same rows.
    StructType schema = new StructType().add("text", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    texts.forEach(t -> rows.add(RowFactory.create(t)));
    Dataset<Row> frame = spark.createDataFrame(rows, schema).repartition(2).cache();
    frame.count();
    for (String language : List.of("auto", "english", "auto", "english")) {
      long t0 = System.nanoTime();
      new TextAnalyzer().setLanguage(language).transform(frame).selectExpr("sum(size(tokens))").collectAsList();
      System.out.printf(Locale.ROOT, "[bench] Spark TextAnalyzer language = %-7s %.0f docs/s%n", language,
          rate(texts.size(), System.nanoTime() - t0));
    }
  }

  @Test
  void mixedCorpusClustersAndTheirLanguages() {
    List<MixedLanguageCorpus.Document> docs = MixedLanguageCorpus.build(300, 50);
    StructType schema = new StructType().add("known", DataTypes.StringType).add("topic", DataTypes.StringType)
        .add("text", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    docs.forEach(d -> rows.add(RowFactory.create(d.language(), d.source() + ":" + d.label(), d.text())));
    Dataset<Row> frame = spark.createDataFrame(rows, schema);
    Dataset<Row> clustered = cluster(frame, new TextAnalyzer().setLanguage("auto"), 12);
    long correct = clustered.filter("known = language").count();
    Map<Integer, List<ClusterLanguages.Share>> mix =
        ClusterLanguages.compute(clustered, "prediction", "language");
    System.out.printf(Locale.ROOT, "[bench] mixed corpus %d documents: detection %.4f correct; k=12 clusters' "
            + "language purity %.4f; V-measure against source:topic %.4f%n", docs.size(),
        correct / (double) docs.size(), ClusterLanguages.languagePurity(mix), vMeasure(clustered, "topic"));
    mix.forEach((c, shares) -> System.out.println("[bench]   cluster " + c + ": " + ClusterLanguages.describe(shares)));
  }

  private static double rate(int n, long nanos) {
    return n / (nanos / 1e9);
  }
}
