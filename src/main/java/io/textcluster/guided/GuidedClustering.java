package io.textcluster.guided;

import io.textcluster.cluster.FittedClustering;
import io.textcluster.cluster.SeededKMeans;
import io.textcluster.cluster.ZeroShotClustering;
import io.textcluster.config.ClusterConfig;
import io.textcluster.config.GuidedTopics;
import io.textcluster.config.JobConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.schema.Columns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The cluster stage's fit when the analyst named topics (issue 22): seed topics steer k-means ({@link SeededKMeans}),
 * zero-shot topics take the documents close to them before the configured method clusters the rest ({@link
 * ZeroShotClustering}). The topic texts become vectors through the run's own fitted features ({@link TopicVectors}).
 */
public final class GuidedClustering {
  private GuidedClustering() {}

  /** Whether the run's config names seed or zero-shot topics. */
  public static boolean applies(JobConfig config) {
    GuidedTopics topics = config.clusterControl().topics();
    return topics.seeded() || topics.zeroShot();
  }

  /**
   * @param settings the cluster settings in effect (k as a sweep chose it)
   * @param features the run's fitted feature stages
   * @param corpusSchema the columns the feature stages read
   * @param documents the featurized documents
   */
  public static FittedClustering fit(
      JobConfig config, ClusterConfig settings, PipelineModel features, StructType corpusSchema,
      Dataset<Row> documents) {
    GuidedTopics topics = config.clusterControl().topics();
    if (topics.seeded()) {
      if (topics.seeds().size() > settings.k()) {
        throw new TextClusterException(
            "cluster.sweep chose k = " + settings.k() + ", fewer than the " + topics.seeds().size() + " seed topics in '"
                + GuidedTopics.SEEDS_KEY + "'; set 'cluster.sweep.k-from' to at least " + topics.seeds().size() + ".");
      }
      Vector[] seeds =
          TopicVectors.of(documents.sparkSession(), features, corpusSchema, topics.seeds(), GuidedTopics.SEEDS_KEY);
      return SeededKMeans.fit(settings, config.clusterControl(), Columns.FEATURES, documents,
          new ArrayList<>(topics.seeds().keySet()), seeds);
    }
    Map<String, List<String>> descriptions = new LinkedHashMap<>();
    topics.topics().forEach((name, description) -> descriptions.put(name, List.of(description)));
    Vector[] vectors =
        TopicVectors.of(documents.sparkSession(), features, corpusSchema, descriptions, GuidedTopics.TOPICS_KEY);
    return ZeroShotClustering.fit(settings, config.clusterControl(), Columns.FEATURES, documents,
        new ArrayList<>(topics.topics().keySet()), vectors);
  }
}
