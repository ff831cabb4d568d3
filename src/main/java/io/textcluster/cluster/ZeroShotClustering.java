package io.textcluster.cluster;

import static org.apache.spark.sql.functions.col;

import io.textcluster.config.ClusterConfig;
import io.textcluster.config.ClusterControl;
import io.textcluster.config.GuidedTopics;
import io.textcluster.config.TextClusterException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Zero-shot topics (cluster.topics, issue 22): the documents close enough to a named topic take it ({@link
 * ZeroShotTopicsModel}); the configured method clusters the rest as it would a whole corpus. The ids are the topics'
 * first (0..T-1, in the order written), then the free clusters' (T..); the topics keep their names ({@link
 * NamedClusters}) and the free clusters are named as usual. A topic's centre is its own vector (unit length), so each
 * document's distance is to the topic it took.
 */
public final class ZeroShotClustering {
  private ZeroShotClustering() {}

  /**
   * @param names the topics' names, in id order
   * @param topics each topic's vector in the features' space (its description through the run's features)
   */
  public static FittedClustering fit(
      ClusterConfig cluster, ClusterControl control, String featuresCol, Dataset<Row> data, List<String> names,
      Vector[] topics) {
    ZeroShotTopicsModel rule =
        ZeroShotTopicsModel.of(topics).setFeaturesCol(featuresCol).setMinSimilarity(control.topics().minSimilarity());
    Dataset<Row> marked = rule.withTopic(data);
    long total = data.count();
    Dataset<Row> rest = marked.where(col(ZeroShotTopicsModel.TOPIC).lt(0)).drop(ZeroShotTopicsModel.TOPIC);
    long free = rest.count();
    if (!cluster.isDensity() && free < cluster.k()) {
      throw new TextClusterException(String.format(Locale.ROOT,
          "cluster.topics took %,d of %,d documents, leaving %,d for cluster.k = %d free clusters; raise '%s' "
              + "(now %s) or lower 'cluster.k'.", total - free, total, free, cluster.k(),
          GuidedTopics.MIN_SIMILARITY_KEY, control.topics().minSimilarity()));
    }
    FittedClustering freeFit = ClusteringMethods.forConfig(cluster, control).fit(rest, featuresCol);
    if (!(freeFit.model() instanceof ClusteringModel freeModel)) {
      throw new IllegalStateException("The free clustering is not a ClusteringModel: " + freeFit.model());
    }
    int t = topics.length;
    String[] named = new String[t + freeModel.numClusters()];
    Arrays.fill(named, "");
    for (int id = 0; id < t; id++) {
      named[id] = names.get(id);
    }
    Transformer assigner =
        new PipelineModel(Identifiable.randomUID("zeroShot"), new Transformer[] {
            freeModel.assigner(), rule, new NamedClusters().setNames(named)});
    Vector[] centres =
        Stream.concat(Arrays.stream(rule.unitTopics()).map(Vectors::dense), Arrays.stream(freeModel.clusterCentres()))
            .toArray(Vector[]::new);
    ClusteringSummary before = freeModel.summary();
    Map<Integer, Integer> parents = new LinkedHashMap<>();
    before.parents().forEach((child, parent) -> parents.put(child + t, parent + t));
    Map<String, Double> metrics = new LinkedHashMap<>(before.metrics());
    metrics.put("zero_shot_topics", (double) t);
    double share = total == 0 ? 0 : (double) (total - free) / total;
    metrics.put("zero_shot_topic_share", share);
    ClusteringSummary summary =
        new ClusteringSummary(before.method(), before.iterations(), before.cost(), parents, metrics,
            String.format(Locale.ROOT, "%.1f%% of the documents took one of %d topics (min-similarity %s); the rest: %s",
                100 * share, t, control.topics().minSimilarity(), before.description()));
    return FittedClustering.of(freeModel.replacing(assigner, centres, summary));
  }
}
