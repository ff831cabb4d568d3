package io.textcluster.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Builds a large English corpus from the shared real ones (AG News, BBC News, fine-food reviews) for the
 * million-document benchmark: each row is a source document drawn at random, its words perturbed (some dropped, some
 * replaced by a word of another document, some repeated) so that no two rows are the same text, labelled with its
 * source's label. Written as Parquet (what the job reads) and as JSON Lines (what the scikit-learn peer reads: Debian
 * has no Parquet reader for Python). Deterministic for a seed.
 *
 * <p>Usage: MillionCorpus SHARED_DATA_DIR OUT_DIR ROWS [SEED]
 */
public final class MillionCorpus {
  private static final double DROP = 0.08;
  private static final double REPLACE = 0.08;
  private static final double REPEAT = 0.04;

  private MillionCorpus() {}

  public static void main(String[] args) {
    String data = args[0];
    String out = args[1];
    long rows = Long.parseLong(args[2]);
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 42L;
    SparkSession spark = SparkSession.builder().appName("textcluster-million-corpus").getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    // The sources are the fixed shared corpora (about 11,000 documents), not the generated rows.
    List<Row> sources = sources(spark, data).collectAsList();
    String[] texts = sources.stream().map(r -> r.getString(0)).toArray(String[]::new);
    String[] labels = sources.stream().map(r -> r.getString(1)).toArray(String[]::new);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<String[]> sharedTexts = sc.broadcast(texts);
    Broadcast<String[]> sharedLabels = sc.broadcast(labels);
    StructType schema =
        new StructType()
            .add("doc_id", DataTypes.StringType)
            .add("text", DataTypes.StringType)
            .add("label", DataTypes.StringType);
    int files = (int) Math.max(1, Math.min(64, rows / 50_000));
    Dataset<Row> corpus =
        spark.range(0, rows, 1, files)
            .mapPartitions(
                (MapPartitionsFunction<Long, Row>)
                    ids -> generate(ids, sharedTexts.value(), sharedLabels.value(), seed),
                Encoders.row(schema));
    corpus.write().mode(SaveMode.Overwrite).parquet(out + "/parquet");
    spark.read().parquet(out + "/parquet").write().mode(SaveMode.Overwrite).json(out + "/jsonl");
    System.out.printf("%d documents from %d sources -> %s/{parquet,jsonl}%n", rows, texts.length, out);
    spark.stop();
  }

  private static Dataset<Row> sources(SparkSession spark, String data) {
    var csv = spark.read().option("header", true).option("multiLine", true).option("escape", "\"");
    Dataset<Row> ag =
        csv.csv(data + "/ag_news/ag_news_test.csv")
            .select(concat_ws(". ", col("title"), col("body")).as("text"), concat_ws(":", lit("ag"), col("label_name")));
    Dataset<Row> bbc =
        csv.csv(data + "/bbc_news/bbc_news.part*.csv")
            .select(concat_ws(". ", col("title"), col("body")).as("text"), concat_ws(":", lit("bbc"), col("label")));
    Dataset<Row> food =
        csv.csv(data + "/fine_food_reviews/fine_food_reviews_1k.csv")
            .select(concat_ws(". ", col("Summary"), col("Text")).as("text"), concat_ws(":", lit("food"), col("Score")));
    return ag.union(bbc).union(food).toDF("text", "label").filter(col("text").isNotNull()).orderBy("text");
  }

  static Iterator<Row> generate(Iterator<Long> ids, String[] texts, String[] labels, long seed) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return ids.hasNext();
      }

      @Override
      public Row next() {
        long id = ids.next();
        Random random = new Random(seed * 1_000_003L + id);
        int source = random.nextInt(texts.length);
        String[] words = texts[source].split("\\s+");
        List<String> perturbed = new ArrayList<>(words.length + 8);
        for (String word : words) {
          double p = random.nextDouble();
          if (p < DROP) {
            continue;
          }
          if (p < DROP + REPLACE) {
            String[] other = texts[random.nextInt(texts.length)].split("\\s+", 64);
            perturbed.add(other[random.nextInt(Math.min(other.length, 63))]);
            continue;
          }
          perturbed.add(word);
          if (p > 1 - REPEAT) {
            perturbed.add(word);
          }
        }
        return RowFactory.create(String.format("m%07d", id), String.join(" ", perturbed), labels[source]);
      }
    };
  }
}
