package io.textcluster.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.textcluster.config.InputConfig;
import io.textcluster.config.JobConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.support.SparkTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input rows of the bad-input matrix (README, "Errors you may see"). */
@SparkTest
class InputFaultsTest {
  private final SparkSession spark;
  @TempDir Path dir;

  InputFaultsTest(SparkSession spark) {
    this.spark = spark;
  }

  private InputConfig input(String hocon) {
    return JobConfig.fromConfig(ConfigFactory.parseString(hocon), dir).input();
  }

  private String failure(String hocon) {
    return assertThrows(TextClusterException.class, () -> new CorpusReader(spark).read(input(hocon))).getMessage();
  }

  @Test
  void duplicateIdsAreKeptOnceAndCountedByDefault() throws IOException {
    Files.writeString(dir.resolve("d.csv"), "id,body\n1,first text\n1,second text\n2,other\n");
    Corpus corpus = new CorpusReader(spark).read(input("input { path = d.csv, id-column = id, text-columns = [body] }"));
    assertEquals(1, corpus.counts().duplicateIdRows());
    assertEquals(2, corpus.documents().count());
    assertEquals(2, corpus.documentCount());
    assertEquals("first text", corpus.documents().filter("doc_id = '1'").first().getAs("text"));
    corpus.release();
  }

  @Test
  void duplicateIdsCanBeFatalAndTheMessageNamesThem() throws IOException {
    Files.writeString(dir.resolve("d.csv"), "id,body\n7,a b\n7,c d\n8,e f\n");
    String message =
        failure("input { path = d.csv, id-column = id, text-columns = [body], duplicate-ids = fail }");
    assertTrue(message.contains("1 rows repeat an id") && message.contains("7") && message.contains("keep-first"),
        message);
  }

  @Test
  void invalidUtf8IsRepairedCountedAndKept() throws IOException {
    byte[] bad = "id,body\n1,caf\u00e9 ok\n2,broken ".getBytes(StandardCharsets.UTF_8);
    byte[] tail = new byte[] {(byte) 0xff, (byte) 0xfe, 'x', '\n'};
    byte[] all = new byte[bad.length + tail.length];
    System.arraycopy(bad, 0, all, 0, bad.length);
    System.arraycopy(tail, 0, all, bad.length, tail.length);
    Files.write(dir.resolve("u.csv"), all);
    Corpus corpus = new CorpusReader(spark).read(input("input { path = u.csv, id-column = id, text-columns = [body] }"));
    assertEquals(1, corpus.counts().invalidUtf8Rows());
    assertEquals(2, corpus.documentCount());
    corpus.release();
  }

  @Test
  void aFormatThatDoesNotParseSaysSo() throws IOException {
    Files.writeString(dir.resolve("notjson.json"), "id,body\n1,hello\n");
    String json = failure("input { path = notjson.json, format = json, text-columns = [body] }");
    assertTrue(json.contains("does not parse as json"), json);
    Files.writeString(dir.resolve("fake.parquet"), "this is not parquet");
    String parquet = failure("input { path = fake.parquet, format = parquet, text-columns = [body] }");
    assertTrue(parquet.contains("parquet") && parquet.contains("input.format"), parquet);
  }

  @Test
  void emptyFolderSaysItHoldsNoData() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    String message = failure("input { path = empty, text-columns = [body] }");
    assertTrue(message.contains("no readable csv files") || message.contains("has no rows"), message);
  }
}
