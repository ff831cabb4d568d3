package io.textcluster.bench;

import io.textcluster.config.FeaturesConfig;
import io.textcluster.config.JobConfig;
import io.textcluster.features.AnalysedPipeline;
import io.textcluster.features.TfidfFeatures;
import io.textcluster.schema.Columns;
import java.io.File;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Times the TF-IDF features stage alone (text analysis, vocabulary, IDF, vectors cached) on the first ROWS documents of
 * a Parquet corpus, with a job config's text and features settings: where the features stage's seconds go.
 *
 * <p>Usage: FeaturesBenchmark CONFIG PARQUET ROWS
 */
public final class FeaturesBenchmark {
  private FeaturesBenchmark() {}

  public static void main(String[] args) {
    JobConfig config = JobConfig.load(new File(args[0]).toPath(), java.util.Map.of());
    SparkSession spark = SparkSession.builder().appName("textcluster-bench-features").getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    Dataset<Row> corpus =
        spark.read().parquet(args[1]).limit(Integer.parseInt(args[2]))
            .withColumnRenamed(config.input().textColumns().get(0), Columns.TEXT)
            .persist(StorageLevel.MEMORY_AND_DISK());
    long documents = corpus.count();
    long start = System.nanoTime();
    List<PipelineStage> stages = TfidfFeatures.stages(Columns.TEXT, config.text(), config.features());
    AnalysedPipeline fitted = AnalysedPipeline.fit(stages, corpus);
    double fit = (System.nanoTime() - start) / 1e9;
    Dataset<Row> featurized = fitted.transformed().persist(StorageLevel.MEMORY_AND_DISK());
    long count = featurized.count();
    fitted.close();
    double total = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "documents %d kept %d fit_s %.1f total_s %.1f docs_per_s %.0f%n",
        documents, count, fit, total, documents / total);
    spark.stop();
  }
}
