package io.textcluster.ml;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * How our fitted models are saved: Spark ML's params metadata (so {@code PipelineModel.load} knows the class) plus
 * the fitted arrays as one small parquet table, one row per centre, anchor or term. Each model still declares its own
 * static {@code read()} and {@code load()}, which Spark finds by reflection; they return {@link #reader}.
 */
public final class ModelStorage {
  private ModelStorage() {}

  /** Builds a model from its saved uid and table rows (in {@code orderBy} order); its params are set afterwards. */
  @FunctionalInterface
  public interface Builder<M> {
    M build(String uid, List<Row> rows, SparkSession spark, String path);
  }

  /** Saves {@code model}'s params, then {@code rows} of {@code schema} under {@code path/table}, then {@code more}. */
  public static MLWriter writer(
      Params model, String table, StructType schema, Supplier<List<Row>> rows, BiConsumer<SparkSession, String> more) {
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        DefaultParamsWriter.saveMetadata(model, path, sc(), Option.empty(), Option.empty());
        more.accept(sparkSession(), path);
        // One partition: the table is small (k or d rows) and one file keeps the saved folder easy to read.
        // coalesce, not repartition: the rows are already on the driver, and a shuffle of them cost one more Spark
        // job per saved model (issue 20: the write stage of a small run is mostly such fixed costs).
        sparkSession().createDataFrame(rows.get(), schema).coalesce(1).write().parquet(path + "/" + table);
      }
    };
  }

  /** {@link #writer} with nothing saved besides the params and the table. */
  public static MLWriter writer(Params model, String table, StructType schema, Supplier<List<Row>> rows) {
    return writer(model, table, schema, rows, (spark, path) -> {});
  }

  /** Reads what {@link #writer} saved for a model of class {@code type}. */
  public static <M extends Params> MLReader<M> reader(
      Class<M> type, String table, String orderBy, Builder<M> builder) {
    return new MLReader<M>() {
      @Override
      public M load(String path) {
        DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sc(), type.getName());
        List<Row> rows = sparkSession().read().parquet(path + "/" + table).orderBy(orderBy).collectAsList();
        M model = builder.build(metadata.uid(), rows, sparkSession(), path);
        metadata.getAndSetParams(model, Option.empty());
        return model;
      }
    };
  }

  /** A parquet array&lt;double&gt; cell as a Java array. */
  public static double[] doubles(Row row, int field) {
    return row.<Double>getList(field).stream().mapToDouble(Double::doubleValue).toArray();
  }
}
