package io.textcluster.guided;

import static org.apache.spark.sql.functions.col;

import static org.apache.spark.sql.functions.sha2;

import io.textcluster.cluster.ClusteringModel;
import io.textcluster.cluster.ZeroShotTopicsModel;
import io.textcluster.config.JobConfig;
import io.textcluster.features.EmbeddingCache;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import io.textcluster.io.CorpusReader;
import io.textcluster.job.TextClusteringJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * AG News runs of conf/examples/ag_news_embeddings.conf (bge-small, onnxruntime, k = 4) in one lake, so the documents
 * are embedded once and every later run takes them from the embedding cache: unguided, with seed topics for the four
 * classes, and with zero-shot topics named after them. Shared by the CI sample test and the heavy full-corpus test.
 */
final class AgNewsTopics {
  /** A few words per class: what an analyst who knows the news would write. */
  static final Map<String, String> SEEDS = new LinkedHashMap<>();
  /** One line per class. */
  static final Map<String, String> TOPICS = new LinkedHashMap<>();

  static {
    SEEDS.put("World", "[government, president, minister, election, war, Iraq, killed, \"United Nations\"]");
    SEEDS.put("Sports", "[game, team, season, coach, win, championship, Olympics, football]");
    SEEDS.put("Business", "[company, stocks, profit, market, \"oil prices\", shares, economy, deal]");
    SEEDS.put("Sci/Tech", "[software, internet, Microsoft, computer, space, technology, scientists, Google]");
    TOPICS.put("World", "World news: international politics, governments, elections, wars and conflicts");
    TOPICS.put("Sports", "Sports: games, teams, players, matches, championships and the Olympics");
    TOPICS.put("Business", "Business: companies, markets, stocks, earnings, oil prices and the economy");
    TOPICS.put("Sci/Tech", "Science and technology: computers, software, the internet, space and research");
  }

  private final SparkSession spark;
  private final Path lake;
  private final Map<String, String> base;

  /**
   * @param input the corpus (the CSV, or a parquet slice of it with the same columns)
   * @param temp a folder for the lake and the unpacked model
   */
  AgNewsTopics(SparkSession spark, String input, String format, Path temp) {
    this.spark = spark;
    this.lake = temp.resolve("lake");
    base = new HashMap<>();
    base.put("input.path", input);
    base.put("input.format", format);
    base.put("output.path", lake.toString());
    base.put("features.embedding.model-cache", temp.resolve("models").toString());
    base.put("features.embedding.engine", "onnxruntime");
    base.put("report.enabled", "false");
    base.put("evaluate.silhouette", "false");
    base.put("describe.samples", "0");
    base.put("describe.vocabulary-labels", "0");
  }

  static Map<String, String> seeded() {
    Map<String, String> overrides = new HashMap<>();
    SEEDS.forEach((name, words) -> overrides.put("cluster.seed-topics.\"" + name + "\"", words));
    return overrides;
  }

  static Map<String, String> zeroShot(double minSimilarity) {
    Map<String, String> overrides = new HashMap<>();
    TOPICS.forEach((name, text) -> overrides.put("cluster.topics.\"" + name + "\"", text));
    overrides.put("cluster.topics.min-similarity", String.valueOf(minSimilarity));
    return overrides;
  }

  private JobConfig config(Map<String, String> overrides) {
    Map<String, String> all = new HashMap<>(base);
    all.putAll(overrides);
    return JobConfig.load(Path.of("conf", "examples", "ag_news_embeddings.conf"), all);
  }

  /** The corpus as a run reads it (doc_id, text, label): what `predict` gives the saved model. */
  Dataset<Row> corpus() {
    return new CorpusReader(spark).read(config(Map.of()).input(), java.util.List.of()).documents();
  }

  /** Runs the job; returns its console. */
  String run(String runId, Map<String, String> overrides) {
    JobConfig config = config(overrides);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    TextClusteringJob.run(spark, config, runId, new PrintStream(console, true, StandardCharsets.UTF_8));
    return console.toString(StandardCharsets.UTF_8);
  }

  Map<String, Double> metrics(String runId) {
    Row run = table("runs").where(col("run_id").equalTo(runId)).first();
    return run.getJavaMap(run.fieldIndex("metrics"));
  }

  Map<String, Double> stageSeconds(String runId) {
    Row run = table("runs").where(col("run_id").equalTo(runId)).first();
    return run.getJavaMap(run.fieldIndex("stage_seconds"));
  }

  Dataset<Row> table(String name) {
    return spark.read().format("delta").load(lake.resolve(name).toString());
  }

  String modelPath(String runId) {
    return lake.resolve("models").resolve(runId).toString();
  }

  /**
   * What other thresholds would have given, from the run's saved topic vectors and the embedding cache's document
   * vectors (driver-side; for a few thousand documents): min-similarity, share assigned, matched accuracy per line.
   */
  String thresholdTable(String runId, Dataset<Row> labels, double[] thresholds) {
    double[][] topics = null;
    for (Transformer stage : assignerStages(PipelineModel.load(modelPath(runId)))) {
      if (stage instanceof ZeroShotTopicsModel zeroShot) {
        topics = zeroShot.topicVectors();
      }
    }
    Map<Integer, String> names = new HashMap<>();
    table("clusters").where(col("run_id").equalTo(runId)).collectAsList()
        .forEach(r -> names.put(r.<Integer>getAs("cluster_id"), r.<String>getAs("name")));
    List<Row> rows = cachedFeatures().join(labels, "doc_id").select("label_name", EmbeddingCache.VECTOR)
        .collectAsList();
    StringBuilder table = new StringBuilder("min-similarity  assigned  matched\n");
    for (double threshold : thresholds) {
      int assigned = 0;
      int right = 0;
      for (Row row : rows) {
        List<Float> vector = row.getList(1);
        int best = -1;
        double bestSimilarity = -2;
        double norm = Math.sqrt(vector.stream().mapToDouble(v -> v * v).sum());
        for (int t = 0; t < topics.length; t++) {
          double dot = 0;
          for (int f = 0; f < topics[t].length; f++) {
            dot += topics[t][f] * vector.get(f);
          }
          if (dot / norm > bestSimilarity) {
            bestSimilarity = dot / norm;
            best = t;
          }
        }
        if (bestSimilarity >= threshold) {
          assigned++;
          right += row.getString(0).equals(names.get(best)) ? 1 : 0;
        }
      }
      table.append(String.format(java.util.Locale.ROOT, "%.2f            %5.1f%%    %5.1f%%%n", threshold,
          100.0 * assigned / rows.size(), assigned == 0 ? 0 : 100.0 * right / assigned));
    }
    return table.toString();
  }

  /** The corpus's doc_id (as a string) and vector as the embedding cache holds it (what re-runs cluster). */
  Dataset<Row> cachedFeatures() {
    return corpus().select(col("doc_id").cast("string").as("doc_id"), sha2(col("text"), 256).as("sha"))
        .join(spark.read().format("delta").load(lake.resolve("embedding_cache").toString())
            .select(col(EmbeddingCache.TEXT_SHA256).as("sha"), col(EmbeddingCache.VECTOR)), "sha");
  }

  private static List<Transformer> assignerStages(PipelineModel model) {
    List<Transformer> stages = new ArrayList<>();
    for (Transformer stage : model.stages()) {
      if (stage instanceof ClusteringModel clustering && clustering.assigner() instanceof PipelineModel inner) {
        stages.addAll(List.of(inner.stages()));
      }
    }
    return stages;
  }

  /**
   * Zero-shot figures: the share of documents assigned a topic, and among them the share whose topic (the cluster's
   * name) is their class.
   *
   * @param labels the corpus's doc_id and label_name (as the config's id-column and label-column read them)
   */
  double[] topicAccuracy(String runId, Dataset<Row> labels) {
    Dataset<Row> named =
        table("assignments").where(col("run_id").equalTo(runId)).select(col("doc_id").cast("string").as("doc_id"), col("cluster_id"))
            .join(table("clusters").where(col("run_id").equalTo(runId)).select("cluster_id", "name"), "cluster_id")
            .join(labels, "doc_id");
    long all = named.count();
    Dataset<Row> topics = named.where(col("cluster_id").lt(TOPICS.size()));
    long assigned = topics.count();
    long right = topics.where(col("name").equalTo(col("label_name"))).count();
    return new double[] {(double) assigned / all, assigned == 0 ? 0 : (double) right / assigned};
  }
}
