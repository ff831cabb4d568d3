package io.textcluster.describe;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.delta.tables.DeltaTable;
import io.textcluster.io.ConflictRetry;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * LLM cluster names kept in a Delta table of the lake ({@code prompt_hash}, {@code model}, {@code base_url},
 * {@code name}, {@code created_at}), so a re-run with the same prompts sends no request and repeats its names, and
 * every run writing to the lake shares them. An answer belongs to the prompt, the model and the endpoint: a changed
 * model asks again. A run reads at most one row per cluster and appends its new answers in one commit; two runs that
 * raced to add the same prompt leave two rows, and the newest is read. No key or header is ever stored.
 */
public final class NamingCache {
  public static final String PROMPT_HASH = "prompt_hash";
  public static final String MODEL = "model";
  public static final String BASE_URL = "base_url";
  public static final String NAME = "name";
  public static final String CREATED_AT = "created_at";
  private static final StructType SCHEMA =
      new StructType()
          .add(PROMPT_HASH, DataTypes.StringType, false)
          .add(MODEL, DataTypes.StringType, false)
          .add(BASE_URL, DataTypes.StringType, false)
          .add(NAME, DataTypes.StringType, false)
          .add(CREATED_AT, DataTypes.TimestampType, false);

  private final SparkSession spark;
  private final String path;

  public NamingCache(SparkSession spark, String path) {
    this.spark = spark;
    this.path = path;
  }

  /** One answer to keep. */
  public record Entry(String promptHash, String name) {}

  /** The cached names of {@code promptHashes} for this model and endpoint, by prompt hash. */
  public Map<String, String> lookup(Collection<String> promptHashes, String model, String baseUrl) {
    Map<String, String> found = new LinkedHashMap<>();
    if (promptHashes.isEmpty() || !DeltaTable.isDeltaTable(spark, path)) {
      return found;
    }
    List<Row> rows =
        spark.read().format("delta").load(path)
            .filter(col(MODEL).equalTo(model)
                .and(col(BASE_URL).equalTo(baseUrl))
                .and(col(PROMPT_HASH).isin(promptHashes.toArray())))
            .withColumn("newest", row_number().over(
                Window.partitionBy(PROMPT_HASH).orderBy(col(CREATED_AT).desc(), col(NAME).asc())))
            .filter(col("newest").equalTo(1))
            .select(PROMPT_HASH, NAME)
            .collectAsList();
    for (Row row : rows) {
      found.put(row.getString(0), row.getString(1));
    }
    return found;
  }

  /** Appends {@code entries} in one Delta commit, retried when it races another run's write. */
  public void add(List<Entry> entries, String model, String baseUrl) {
    if (entries.isEmpty()) {
      return;
    }
    Timestamp now = new Timestamp(System.currentTimeMillis());
    List<Row> rows = new ArrayList<>();
    for (Entry e : entries) {
      rows.add(RowFactory.create(e.promptHash(), model, baseUrl, e.name(), now));
    }
    Dataset<Row> frame = spark.createDataFrame(rows, SCHEMA);
    ConflictRetry.run(
        "adding " + rows.size() + " cluster names to " + path,
        () -> frame.write().format("delta").mode("append").save(path));
  }
}
