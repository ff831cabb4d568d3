package io.textcluster.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.textcluster.config.InputConfig;
import io.textcluster.config.JobConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.support.SharedData;
import io.textcluster.support.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class CorpusReaderTest {
  private final SparkSession spark;
  @TempDir Path dir;

  CorpusReaderTest(SparkSession spark) {
    this.spark = spark;
  }

  private InputConfig input(String hocon) {
    return JobConfig.fromConfig(ConfigFactory.parseString(hocon), dir).input();
  }

  @Test
  void csvWithMultiLineQuotedFieldsTemplateAndEmptyRows() throws IOException {
    Files.writeString(
        dir.resolve("reviews.csv"),
        "id,Summary,Text,Score\n"
            + "1,Great,\"Loved it.\nSecond paragraph, with \"\"quotes\"\".\",5\n"
            + "2,,,3\n"
            + "3,Bad,Stale,1\n");
    Corpus corpus =
        new CorpusReader(spark)
            .read(
                input(
                    "input { path = reviews.csv, id-column = id, text-columns = [Summary, Text],"
                        + " text-template = \"Title: {Summary}; Content: {Text}\", keep-columns = [Score] }"));
    assertEquals(3, corpus.rowsRead());
    assertEquals(1, corpus.emptyTextRows());
    List<Row> rows = corpus.documents().orderBy("doc_id").collectAsList();
    assertEquals(2, rows.size());
    assertEquals("1", rows.get(0).getAs("doc_id"));
    assertEquals("Title: Great; Content: Loved it.\nSecond paragraph, with \"quotes\".", rows.get(0).getAs("text"));
    assertEquals(5, (int) rows.get(0).<Integer>getAs("Score"));
    corpus.release();
  }

  @Test
  void columnsJoinedWithoutTemplateAndStableGeneratedIds() throws IOException {
    Files.writeString(dir.resolve("a.jsonl"), "{\"t\":\"Hello\",\"b\":\"world\"}\n{\"t\":\"Only title\"}\n");
    InputConfig config = input("input { path = a.jsonl, format = json, text-columns = [t, b] }");
    Corpus first = new CorpusReader(spark).read(config);
    Corpus second = new CorpusReader(spark).read(config);
    List<Row> a = first.documents().orderBy("text").collectAsList();
    List<Row> b = second.documents().orderBy("text").collectAsList();
    assertEquals("Hello. world", a.get(0).getAs("text"));
    assertEquals("Only title", a.get(1).getAs("text"));
    assertEquals(a.get(0).<String>getAs("doc_id"), b.get(0).getAs("doc_id"));
    assertTrue(!a.get(0).getAs("doc_id").equals(a.get(1).getAs("doc_id")));
    first.release();
    second.release();
  }

  @Test
  void missingColumnListsTheColumnsThatExist() throws IOException {
    Files.writeString(dir.resolve("x.csv"), "id,title\n1,a\n");
    TextClusterException e =
        assertThrows(
            TextClusterException.class,
            () -> new CorpusReader(spark).read(input("input { path = x.csv, text-columns = [body] }")));
    assertTrue(e.getMessage().contains("'body'") && e.getMessage().contains("id, title"), e.getMessage());
  }

  @Test
  void missingPathNamesTheKey() {
    TextClusterException e =
        assertThrows(
            TextClusterException.class,
            () -> new CorpusReader(spark).read(input("input { path = nowhere.csv, text-columns = [body] }")));
    assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains("input.path"), e.getMessage());
  }

  @Test
  void allTextEmptyIsAnError() throws IOException {
    Files.writeString(dir.resolve("e.csv"), "id,body\n1,\n2,  \n");
    TextClusterException e =
        assertThrows(
            TextClusterException.class,
            () -> new CorpusReader(spark).read(input("input { path = e.csv, text-columns = [body] }")));
    assertTrue(e.getMessage().contains("empty text"), e.getMessage());
  }

  @Test
  void parquetFolderOfParts() {
    String path = dir.resolve("pq").toString();
    spark.createDataFrame(List.of(new Doc("1", "alpha beta"), new Doc("2", "gamma")), Doc.class)
        .repartition(2).write().parquet(path);
    Corpus corpus =
        new CorpusReader(spark).read(input("input { path = pq, format = parquet, id-column = id, text-columns = [body] }"));
    assertEquals(2, corpus.documentCount());
    corpus.release();
  }

  @Test
  void deltaTimeTravelRecordsTheVersionRead() {
    String path = dir.resolve("delta").toString();
    spark.createDataFrame(List.of(new Doc("1", "first version")), Doc.class).write().format("delta").save(path);
    spark.createDataFrame(List.of(new Doc("2", "appended")), Doc.class)
        .write().format("delta").mode(SaveMode.Append).save(path);
    Corpus latest =
        new CorpusReader(spark).read(input("input { path = delta, format = delta, id-column = id, text-columns = [body] }"));
    assertEquals(2, latest.documentCount());
    assertEquals(1L, latest.inputVersion().orElseThrow());
    Corpus old =
        new CorpusReader(spark)
            .read(input("input { path = delta, format = delta, version = 0, id-column = id, text-columns = [body] }"));
    assertEquals(1, old.documentCount());
    assertEquals(0L, old.inputVersion().orElseThrow());
    latest.release();
    old.release();
  }

  @Test
  void realCorpusPartsByGlob() {
    Path bbc = SharedData.corpus("bbc_news");
    Corpus corpus =
        new CorpusReader(spark)
            .read(
                input(
                    "input { path = \"" + bbc + "/bbc_news.part*.csv\", id-column = id, text-columns = [title, body],"
                        + " label-column = label }"));
    assertEquals(2225, corpus.documentCount());
    assertEquals(5, corpus.documents().select("label").distinct().count());
    corpus.release();
  }

  /** A JavaBean for small test frames. */
  public static class Doc implements java.io.Serializable {
    private String id;
    private String body;

    public Doc() {}

    Doc(String id, String body) {
      this.id = id;
      this.body = body;
    }

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public String getBody() {
      return body;
    }

    public void setBody(String body) {
      this.body = body;
    }
  }
}
