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
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs a new user brings that are not what the config says: ids missing, text columns that hold no text, rows that
 * do not parse in CSV or JSON. Each is counted and dropped by policy, or refused in one line naming the key.
 */
@SparkTest
class HostileInputTest {
  private final SparkSession spark;
  @TempDir Path dir;

  HostileInputTest(SparkSession spark) {
    this.spark = spark;
  }

  private InputConfig input(String hocon) {
    return JobConfig.fromConfig(ConfigFactory.parseString(hocon), dir).input();
  }

  private Corpus read(String hocon) {
    return new CorpusReader(spark).read(input(hocon));
  }

  private String failure(String hocon) {
    return assertThrows(TextClusterException.class, () -> read(hocon)).getMessage();
  }

  @Test
  void nullAndBlankIdsAreCountedApartFromDuplicatesAndDroppedOrFatal() throws IOException {
    Files.writeString(dir.resolve("ids.csv"), "id,body\n1,first text\n,no id here\n  ,blank id\n1,again one\n2,two\n");
    Corpus corpus = read("input { path = ids.csv, id-column = id, text-columns = [body] }");
    assertEquals(2, corpus.counts().missingIdRows());
    assertEquals(1, corpus.counts().duplicateIdRows());
    assertEquals(2, corpus.documentCount());
    assertEquals(2, corpus.documents().count());
    assertEquals(0, corpus.documents().where("doc_id IS NULL").count());
    String fatal = failure("input { path = ids.csv, id-column = id, text-columns = [body], missing-ids = fail }");
    assertTrue(fatal.contains("2 rows have no id") && fatal.contains("input.missing-ids"), fatal);
  }

  @Test
  void aTextColumnThatHoldsNoTextIsRefusedByNameAndType() throws IOException {
    Files.writeString(dir.resolve("nested.json"),
        "{\"id\": 1, \"body\": {\"title\": \"a\", \"words\": 3}, \"n\": 5}\n{\"id\": 2, \"body\": {\"title\": \"b\"}, \"n\": 6}\n");
    String struct = failure("input { path = nested.json, format = json, id-column = id, text-columns = [body] }");
    assertTrue(struct.contains("'body'") && struct.contains("struct") && struct.contains("input.text-columns"), struct);
    String number = failure("input { path = nested.json, format = json, id-column = id, text-columns = [n] }");
    assertTrue(number.contains("'n'") && number.contains("bigint"), number);
  }

  /** One policy for CSV and JSON: fail by default with the first bad row shown, or drop and count. */
  @Test
  void malformedRowsAreCountedTheSameInCsvAndJson() throws IOException {
    Files.writeString(dir.resolve("ragged.csv"), "id,body\n1,first text\n2,second,extra,fields\n3,third text\n");
    Files.writeString(dir.resolve("broken.json"),
        "{\"id\": \"1\", \"body\": \"first text\"}\n{\"id\": \"2\", \"body\": \"cut\n{\"id\": \"3\", \"body\": \"third\"}\n");
    for (String[] file : new String[][] {{"ragged.csv", "csv"}, {"broken.json", "json"}}) {
      String base = "input { path = " + file[0] + ", format = " + file[1] + ", id-column = id, text-columns = [body]";
      String fatal = failure(base + " }");
      assertTrue(fatal.contains("1 of 3 rows") && fatal.contains("input.malformed = drop"), file[0] + ": " + fatal);
      Corpus dropped = read(base + ", malformed = drop }");
      assertEquals(1, dropped.counts().malformedRows(), file[0]);
      assertEquals(0, dropped.counts().emptyTextRows(), file[0] + ": a broken row is not 'empty text'");
      assertEquals(2, dropped.documents().count(), file[0]);
    }
  }
}
