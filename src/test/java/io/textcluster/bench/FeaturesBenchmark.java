package io.textcluster.bench;

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
    if (args.length > 3) {
      // Sparse k-means from the same random start: MLlib's solver, then ours, ITERATIONS Lloyd iterations each.
      int iterations = Integer.parseInt(args[3]);
      for (int round = 0; round < 2; round++) {
        long t0 = System.nanoTime();
        var mllib = new org.apache.spark.ml.clustering.KMeans().setFeaturesCol(Columns.FEATURES).setK(20).setSeed(1)
            .setInitMode("random").setMaxIter(iterations).setTol(0).setDistanceMeasure("cosine").fit(featurized);
        long t1 = System.nanoTime();
        var ours = new io.textcluster.cluster.lloyd.DenseKMeans().setFeaturesCol(Columns.FEATURES).setK(20).setSeed(1)
            .setInitMode("random").setMaxIter(iterations).setTol(0).setDistanceMeasure("cosine").fit(featurized);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "kmeans mllib_s %.1f cost %.2f ours_s %.1f cost %.2f%n", (t1 - t0) / 1e9,
            mllib.summary().trainingCost(), (t2 - t1) / 1e9, ours.summary().trainingCost());
      }
    }
    spark.stop();
  }
}
