package io.textcluster.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class LsaReducerTest {
  private final SparkSession spark;
  @TempDir Path dir;

  LsaReducerTest(SparkSession spark) {
    this.spark = spark;
  }

  /** Documents drawn from two topics over 200 terms: rank-2 structure plus noise. */
  private Dataset<Row> documents() {
    Random random = new Random(7);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      int topic = i % 2;
      List<Integer> indices = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (int term = 0; term < 200; term++) {
        boolean inTopic = topic == 0 ? term < 100 : term >= 100;
        if (random.nextDouble() < (inTopic ? 0.2 : 0.01)) {
          indices.add(term);
          values.add(1 + random.nextDouble());
        }
      }
      Vector v =
          Vectors.sparse(200, indices.stream().mapToInt(x -> x).toArray(), values.stream().mapToDouble(x -> x).toArray());
      rows.add(RowFactory.create(topic, v));
    }
    StructType schema = new StructType().add("topic", "int").add("tfidf", SQLDataTypes.VectorType());
    return spark.createDataFrame(rows, schema);
  }

  @Test
  void reducesToTheRequestedDimensionsAndSeparatesTopics() {
    LsaModel model = new LsaReducer().setInputCol("tfidf").setOutputCol("lsa").setDimensions(5).fit(documents());
    assertEquals(5, model.numDimensions());
    List<Row> out = model.transform(documents()).select("topic", "lsa").collectAsList();
    assertEquals(5, ((Vector) out.get(0).get(1)).size());
    // The second singular direction separates the two topics: its sign differs between them for most documents.
    int agree = 0;
    double reference = Math.signum(((Vector) out.get(0).get(1)).apply(1));
    for (Row row : out) {
      double sign = Math.signum(((Vector) row.get(1)).apply(1));
      boolean sameTopic = row.getInt(0) == out.get(0).getInt(0);
      if ((sign == reference) == sameTopic) {
        agree++;
      }
    }
    assertTrue(agree >= 110, "topics separated on the second dimension for " + agree + " of 120");
  }

  @Test
  void saveAndLoadGiveTheSameProjection() throws Exception {
    LsaModel model = new LsaReducer().setDimensions(3).fit(documents());
    String path = dir.resolve("lsa").toString();
    model.write().overwrite().save(path);
    LsaModel loaded = LsaModel.load(path);
    Row first = model.transform(documents()).select("lsa").first();
    Row again = loaded.transform(documents()).select("lsa").first();
    assertArrayEquals(((Vector) first.get(0)).toArray(), ((Vector) again.get(0)).toArray(), 1e-12);
  }

  @Test
  void invalidDimensionsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new LsaReducer().setDimensions(1));
  }
}
