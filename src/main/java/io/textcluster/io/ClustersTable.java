package io.textcluster.io;

import io.textcluster.cluster.ClusterMatching;
import io.textcluster.describe.ClusterSummary;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import io.textcluster.describe.ClusterStatistics.NumericSummary;
import io.textcluster.describe.ClusterTopValues.ValueCount;
import io.textcluster.describe.Keyword;
import io.textcluster.describe.Representative;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The clusters table: k rows per run, built on the driver from results that are already of size k. Spark converts the
 * Java lists and maps in these rows to arrays and maps itself.
 */
public final class ClustersTable {
  public static final StructType KEYWORD =
      new StructType().add("term", StringType, false).add("score", DoubleType, false);
  public static final StructType REPRESENTATIVE =
      new StructType()
          .add("doc_id", StringType, false)
          .add("snippet", StringType, true)
          .add("distance", DoubleType, true);
  public static final StructType NUMERIC_SUMMARY =
      new StructType().add("mean", DoubleType, false).add("min", DoubleType, false).add("max", DoubleType, false);
  public static final StructType VALUE_COUNT =
      new StructType().add("value", StringType, false).add("count", LongType, false);
  public static final StructType SCHEMA =
      new StructType()
          .add("run_id", StringType, false)
          .add("cluster_id", IntegerType, false)
          .add("size", LongType, false)
          .add("share", DoubleType, false)
          .add("name", StringType, true)
          .add("keywords", createArrayType(KEYWORD, false), false)
          .add("representatives", createArrayType(REPRESENTATIVE, false), false)
          .add("metadata_means", createMapType(StringType, DoubleType, false), false)
          .add("label_counts", createMapType(StringType, LongType, false), true)
          .add("majority_label", StringType, true)
          .add("within_cluster_sse", DoubleType, false)
          .add("parent_cluster_id", IntegerType, true)
          .add("samples", createArrayType(REPRESENTATIVE, false), false)
          .add("metadata_stats", createMapType(StringType, NUMERIC_SUMMARY, false), false)
          .add("metadata_top_values", createMapType(StringType, createArrayType(VALUE_COUNT, false), false), false)
          .add("vocabulary_labels", createArrayType(KEYWORD, false), false)
          // The cluster's centre in the run's feature space (what its documents' distances are measured to).
          .add("centre", createArrayType(DoubleType, false), true)
          // cluster.match-run: the earlier run whose cluster this one matched (it then has that cluster's id), and
          // the cosine distance between the two centres; null for a cluster new in this run or without matching.
          .add("matched_from_run", StringType, true)
          .add("match_distance", DoubleType, true)
          // issue 19: each detected language's share of the cluster's documents (text.language = auto); else null.
          .add("language_mix", createMapType(StringType, DoubleType, false), true);

  private ClustersTable() {}

  public static Dataset<Row> rows(
      SparkSession spark,
      String runId,
      List<ClusterSummary> clusters,
      Vector[] centres,
      ClusterMatching.Result matching) {
    return rows(spark, runId, clusters, centres, matching, null);
  }

  /** As above, with each cluster's language mix (issue 19; null when the run detected no languages). */
  public static Dataset<Row> rows(
      SparkSession spark,
      String runId,
      List<ClusterSummary> clusters,
      Vector[] centres,
      ClusterMatching.Result matching,
      Map<Integer, Map<String, Double>> languageMix) {
    List<Row> rows = new ArrayList<>();
    for (ClusterSummary c : clusters) {
      Double matched = matching == null ? null : matching.distances().get(c.clusterId());
      List<Row> keywords = new ArrayList<>();
      for (Keyword k : c.keywords()) {
        keywords.add(RowFactory.create(k.term(), k.score()));
      }
      List<Row> representatives = new ArrayList<>();
      for (Representative r : c.representatives()) {
        representatives.add(RowFactory.create(r.docId(), r.snippet(), r.distance()));
      }
      rows.add(
          RowFactory.create(
              runId,
              c.clusterId(),
              c.size(),
              c.share(),
              c.name(),
              keywords,
              representatives,
              c.metadataMeans(),
              c.labelCounts() == null ? null : c.labelCounts(),
              c.majorityLabel(),
              c.squaredError(),
              c.parentClusterId(),
              representatives(c.samples()),
              numericSummaries(c.metadataStats()),
              topValues(c.metadataTopValues()),
              c.vocabularyLabels().stream().map(k -> RowFactory.create(k.term(), k.score())).toList(),
              c.clusterId() >= 0 && c.clusterId() < centres.length ? centre(centres[c.clusterId()]) : null,
              matched == null ? null : matching.earlierRun(),
              matched,
              languageMix == null ? null : languageMix.getOrDefault(c.clusterId(), Map.of())));
    }
    return spark.createDataFrame(rows, SCHEMA).coalesce(1);
  }

  private static List<Double> centre(Vector centre) {
    List<Double> values = new ArrayList<>(centre.size());
    for (double v : centre.toArray()) {
      values.add(v);
    }
    return values;
  }

  private static List<Row> representatives(List<Representative> documents) {
    List<Row> rows = new ArrayList<>();
    for (Representative r : documents) {
      rows.add(RowFactory.create(r.docId(), r.snippet(), r.distance()));
    }
    return rows;
  }

  private static Map<String, Row> numericSummaries(Map<String, NumericSummary> stats) {
    Map<String, Row> rows = new LinkedHashMap<>();
    stats.forEach((column, s) -> rows.put(column, RowFactory.create(s.mean(), s.min(), s.max())));
    return rows;
  }

  private static Map<String, List<Row>> topValues(Map<String, List<ValueCount>> values) {
    Map<String, List<Row>> rows = new LinkedHashMap<>();
    values.forEach(
        (column, counts) ->
            rows.put(column, counts.stream().map(v -> RowFactory.create(v.value(), v.count())).toList()));
    return rows;
  }
}
