package io.textcluster.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.textcluster.support.SharedData;
import io.textcluster.support.SparkTest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Every metric equals scikit-learn's to 1e-6 for fixed assignments over the shared corpora. The expected values and
 * the assignments come from src/test/python/make_metric_fixtures.py (scikit-learn 1.2.1), committed under
 * src/test/resources/metric-fixtures; the labels and pixels are read from ../shared/data by id.
 */
@SparkTest
class MetricFixturesTest {
  private static final double TOLERANCE = 1e-6;
  private static final String FIXTURES = "/metric-fixtures/";

  private final SparkSession spark;
  private final JsonNode expected;

  MetricFixturesTest(SparkSession spark) throws IOException {
    this.spark = spark;
    try (InputStream in = getClass().getResourceAsStream(FIXTURES + "expected.json")) {
      this.expected = new ObjectMapper().readTree(in).get("expected");
    }
  }

  private Dataset<Row> fixture(String name) {
    return spark
        .read()
        .option("header", true)
        .option("inferSchema", true)
        .csv(getClass().getResource(FIXTURES + name).getPath());
  }

  /** Digits with their 64 pixels as a dense vector, the label, and every fixed assignment. */
  private Dataset<Row> digits() {
    Dataset<Row> pixels =
        spark
            .read()
            .option("header", true)
            .option("inferSchema", true)
            .csv(SharedData.corpus("digits").resolve("digits.csv").toString());
    String[] columns = IntStream.range(0, 64).mapToObj(i -> "pixel_" + i).toArray(String[]::new);
    Dataset<Row> vectors =
        new VectorAssembler().setInputCols(columns).setOutputCol("features").transform(pixels)
            .select(col("id"), col("features"), col("label").cast("string").as("label"));
    return vectors.join(fixture("digits_assignments.csv"), "id");
  }

  private void assertMatches(String key, Map<String, Double> ours) {
    JsonNode values = expected.get(key);
    assertTrue(values != null && values.size() > 0, "no fixture " + key);
    values.fields().forEachRemaining(
        e -> {
          assertTrue(ours.containsKey(e.getKey()), key + ": we compute no " + e.getKey() + " in " + ours);
          double want = e.getValue().asDouble();
          // Relative for the large scores (SSE, Calinski-Harabasz), absolute for the ones in [-1, 1].
          double tolerance = TOLERANCE * Math.max(1.0, Math.abs(want));
          assertEquals(want, ours.get(e.getKey()), tolerance, key + " " + e.getKey());
          System.out.printf(
              "sklearn fixture %-18s %-22s ours %.12f sklearn %.12f |diff| %.1e%n",
              key, e.getKey(), ours.get(e.getKey()), want, Math.abs(ours.get(e.getKey()) - want));
        });
  }

  private Map<String, Double> internal(Dataset<Row> data, String assignment) {
    Dataset<Row> assigned = data.withColumn("cluster_id", col(assignment).cast("int")).cache();
    try {
      Map<String, Double> metrics = InternalMetrics.compute(assigned, "features", "cluster_id", "id", 2000, 42);
      assertEquals(1797.0, metrics.get("metric_sample_size"), "digits has fewer rows than the sample: exact");
      return metrics;
    } finally {
      assigned.unpersist();
    }
  }

  private static Map<String, Double> external(Dataset<Row> data, String assignment) {
    Dataset<Row> assigned = data.withColumn("cluster_id", col(assignment).cast("int"));
    return LabelContingency.compute(assigned, "label", "cluster_id").metrics();
  }

  @Test
  void internalMetricsOnDigitsEqualScikitLearn() {
    Dataset<Row> digits = digits().cache();
    try {
      assertMatches("digits/label", internal(digits, "label"));
      Map<String, Double> shifted = internal(digits, "shifted");
      shifted.putAll(external(digits, "shifted"));
      assertMatches("digits/shifted", shifted);
      Map<String, Double> kmeans = internal(digits, "kmeans10");
      kmeans.putAll(external(digits, "kmeans10"));
      assertMatches("digits/kmeans10", kmeans);
    } finally {
      digits.unpersist();
    }
  }

  @Test
  void aSmallerSampleIsRecordedStableAndCloseWhileAggregatesStayExact() {
    Dataset<Row> assigned = digits().withColumn("cluster_id", col("label").cast("int")).cache();
    try {
      Map<String, Double> sampled = InternalMetrics.compute(assigned, "features", "cluster_id", "id", 400, 7);
      assertEquals(400.0, sampled.get("metric_sample_size"));
      JsonNode exact = expected.get("digits/label");
      assertEquals(exact.get("silhouette_euclidean").asDouble(), sampled.get("silhouette_euclidean"), 0.03);
      // Davies-Bouldin, Calinski-Harabasz and SSE never sample.
      assertEquals(exact.get("davies_bouldin").asDouble(), sampled.get("davies_bouldin"), TOLERANCE);
      assertEquals(exact.get("calinski_harabasz").asDouble(), sampled.get("calinski_harabasz"), 1e-4);
      Map<String, Double> again =
          InternalMetrics.compute(assigned.repartition(3), "features", "cluster_id", "id", 400, 7);
      assertEquals(sampled.get("silhouette_euclidean"), again.get("silhouette_euclidean"), 1e-12,
          "the same seed picks the same documents whatever the partitioning");
    } finally {
      assigned.unpersist();
    }
  }

  @Test
  void externalMetricsWithMoreClustersThanLabelsEqualScikitLearn() {
    // 12 clusters for 10 digits: purity and matched accuracy differ, and the Hungarian matching is rectangular.
    assertMatches("digits/kmeans12", external(digits(), "kmeans12"));
  }

  @Test
  void externalMetricsOnBbcNewsEqualScikitLearn() {
    Dataset<Row> bbc =
        spark
            .read()
            .option("header", true)
            .option("multiLine", true)
            .option("escape", "\"")
            .csv(SharedData.corpus("bbc_news").resolve("bbc_news.part*.csv").toString())
            .select(col("id").cast("int").as("id"), col("label"));
    Dataset<Row> assigned = bbc.join(fixture("bbc_news_assignments.csv"), "id");
    assertEquals(2225, assigned.count(), "every BBC article has its fixed assignment");
    assertMatches("bbc_news/kmeans5", external(assigned, "kmeans5"));
  }
}
