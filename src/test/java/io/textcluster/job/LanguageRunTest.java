package io.textcluster.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.textcluster.config.JobConfig;
import io.textcluster.support.SharedData;
import io.textcluster.support.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19 end to end: text.language = auto and a language per text column through the real job and lake. */
@SparkTest
class LanguageRunTest {
  private final SparkSession spark;
  @TempDir Path dir;

  LanguageRunTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> assignments(String runId) {
    return spark.read().format("delta").load(dir.resolve("lake/assignments").toString())
        .filter(col("run_id").equalTo(runId));
  }

  /** 20 verses in Arabic, Persian and English each, as separate documents, every one labelled with its language. */
  private Path mixedQuran() {
    Path out = dir.resolve("mixed");
    spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
        .csv(SharedData.corpus("quran").resolve("quran_verses.part01.csv").toString())
        .filter("length(text_en) > 80").limit(20).createOrReplaceTempView("verses");
    spark.sql("select id || '-ar' as id, text as body, 'arabic' as known from verses union all "
            + "select id || '-fa', text_fa, 'persian' from verses union all "
            + "select id || '-en', text_en, 'english' from verses")
        .coalesce(1).write().option("header", true).option("escape", "\"").csv(out.toString());
    return out;
  }

  @Test
  void autoStoresEachDocumentsDetectedLanguageInAssignments() throws Exception {
    Path csv = mixedQuran();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    TextClusteringJob.run(spark, JobConfig.fromConfig(ConfigFactory.parseString(
        "input { path = \"" + csv + "\", id-column = id, text-columns = [body], keep-columns = [known] }\n"
            + "text.language = auto\nfeatures.tfidf.min-doc-freq = 1\ncluster.k = 3\n"
            + "output.path = \"" + dir.resolve("lake") + "\"\n"), dir), "auto",
        new PrintStream(console, true, StandardCharsets.UTF_8));
    Dataset<Row> rows = assignments("auto");
    assertEquals(60, rows.count());
    assertTrue(rows.filter("language = known").count() >= 57, "detected languages agree with the known ones");
    assertTrue(!console.toString(StandardCharsets.UTF_8).contains("warning: text.language"),
        "auto gets no mismatch warning");
  }

  @Test
  void eachTextColumnInItsOwnLanguageRunsEvenWhenOneIsCalledText() throws Exception {
    Path quran = SharedData.corpus("quran").resolve("quran_verses.part02.csv");
    TextClusteringJob.run(spark, JobConfig.fromConfig(ConfigFactory.parseString(
        "input { path = \"" + quran + "\", id-column = id, text-columns = [\"text:ar\", \"text_fa:fa\"], "
            + "label-column = sura, csv.multi-line = true }\n"
            + "text.language = persian\nfeatures.tfidf.min-doc-freq = 2\ncluster.k = 4\n"
            + "output.path = \"" + dir.resolve("lake") + "\"\n"), dir), "columns",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    Dataset<Row> rows = assignments("columns");
    // Verses with no term in two documents are dropped (rows_without_terms); most of the 293 remain.
    long assigned = rows.count();
    assertTrue(assigned > 250 && assigned <= 293, assigned + " assigned");
    // Seed 001's Arabic column is called "text", like the corpus's own joined column: no clash.
    assertEquals(4, rows.select("cluster_id").distinct().count());
  }
}
