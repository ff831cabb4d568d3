package io.textcluster.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Topics the analyst already knows (issue 22), read from cluster.seed-topics and cluster.topics. Both are HOCON objects
 * whose keys are the analyst's own topic names, kept in the order written: that order is the clusters' id order.
 *
 * @param seeds cluster.seed-topics: name -> texts (words, phrases or example documents); the mean of the texts'
 *     feature vectors is an initial k-means centre, and the cluster grown from it keeps the name
 * @param topics cluster.topics: name -> description; documents whose cosine similarity to the description's feature
 *     vector is at least {@code minSimilarity} take that topic (zero-shot), the rest are clustered freely
 * @param minSimilarity cluster.topics.min-similarity
 */
public record GuidedTopics(Map<String, List<String>> seeds, Map<String, String> topics, double minSimilarity) {
  public static final String SEEDS_KEY = "cluster.seed-topics";
  public static final String TOPICS_KEY = "cluster.topics";
  /** The one key under cluster.topics that is not a topic name. */
  public static final String MIN_SIMILARITY = "min-similarity";
  public static final String MIN_SIMILARITY_KEY = TOPICS_KEY + "." + MIN_SIMILARITY;
  /** conf/defaults.conf's values: no topics. */
  public static final GuidedTopics NONE = new GuidedTopics(Map.of(), Map.of(), 0.5);

  public GuidedTopics {
    seeds = Collections.unmodifiableMap(new LinkedHashMap<>(seeds));
    topics = Collections.unmodifiableMap(new LinkedHashMap<>(topics));
  }

  public boolean seeded() {
    return !seeds.isEmpty();
  }

  public boolean zeroShot() {
    return !topics.isEmpty();
  }

  static GuidedTopics read(TypedConfig c, ClusterConfig cluster) {
    Map<String, List<String>> seeds = readSeeds(c.object(SEEDS_KEY));
    double minSimilarity = similarity(c);
    Map<String, String> topics = readTopics(c.object(TOPICS_KEY));
    if (!seeds.isEmpty()) {
      if (!cluster.algorithm().equals(ClusterConfig.KMEANS)) {
        throw InvalidConfigException.badValue(
            "cluster.algorithm", cluster.algorithm(), "kmeans when " + SEEDS_KEY + " is set (seed topics are k-means' "
                + "initial centres); remove " + SEEDS_KEY + " or set cluster.algorithm = kmeans");
      }
      if (seeds.size() > cluster.k()) {
        throw new InvalidConfigException(
            "Config key '" + SEEDS_KEY + "' has " + seeds.size() + " seed topics but cluster.k is " + cluster.k()
                + "; raise 'cluster.k' to at least " + seeds.size() + " or give fewer seed topics.");
      }
      if (cluster.init().equals(NightlyConfig.PREVIOUS_RUN)) {
        throw InvalidConfigException.badValue(
            "cluster.init", cluster.init(), "\"k-means||\" or \"random\" when " + SEEDS_KEY + " is set (the seeds are "
                + "the initial centres)");
      }
      if (!topics.isEmpty()) {
        throw new InvalidConfigException(
            "Config keys '" + SEEDS_KEY + "' and '" + TOPICS_KEY + "' are both set; use one: seed topics steer "
                + "k-means, zero-shot topics take the documents close to them before the rest is clustered.");
      }
    }
    if (!seeds.isEmpty() || !topics.isEmpty()) {
      requireTextFeatures(c, seeds.isEmpty() ? TOPICS_KEY : SEEDS_KEY);
    }
    return new GuidedTopics(seeds, topics, minSimilarity);
  }

  /** Topic texts become vectors through the run's own features: vectors read from input columns have no text path. */
  private static void requireTextFeatures(TypedConfig c, String key) {
    String type = c.string("features.type");
    if (type.equals(FeaturesConfig.COLUMNS)) {
      throw InvalidConfigException.badValue(
          "features.type", type, "tfidf or embedding when " + key + " is set (topic texts are turned into vectors by "
              + "the run's own features; numeric columns cannot do that)");
    }
    if (type.equals(FeaturesConfig.EMBEDDING)
        && c.string("features.embedding.provider").equals(EmbeddingConfig.COLUMN)) {
      throw InvalidConfigException.badValue(
          "features.embedding.provider", EmbeddingConfig.COLUMN, "onnx or api when " + key + " is set (topic texts "
              + "are embedded by the run's own model; precomputed vectors have none)");
    }
  }

  private static Map<String, List<String>> readSeeds(ConfigObject object) {
    Map<String, List<String>> seeds = new LinkedHashMap<>();
    for (String name : orderedNames(object)) {
      String key = SEEDS_KEY + ".\"" + name + "\"";
      ConfigValue value = object.get(name);
      List<String> texts = new ArrayList<>();
      if (value.valueType() == ConfigValueType.STRING) {
        texts.add(String.valueOf(value.unwrapped()));
      } else if (value.valueType() == ConfigValueType.LIST) {
        for (Object item : (List<?>) value.unwrapped()) {
          if (!(item instanceof String)) {
            throw InvalidConfigException.badValue(key, value.render(com.typesafe.config.ConfigRenderOptions.concise()), "a list of words or example documents");
          }
          texts.add((String) item);
        }
      } else {
        throw InvalidConfigException.badValue(key, value.render(com.typesafe.config.ConfigRenderOptions.concise()), "a list of words or example documents, e.g. "
            + "[\"football\", \"coach\", \"season\"]");
      }
      texts.removeIf(String::isBlank);
      if (texts.isEmpty()) {
        throw InvalidConfigException.badValue(key, value.render(com.typesafe.config.ConfigRenderOptions.concise()), "a non-empty list of words or example documents "
            + "(the seed topic's centre is the mean of their feature vectors)");
      }
      seeds.put(name.trim(), List.copyOf(texts));
    }
    return seeds;
  }

  private static Map<String, String> readTopics(ConfigObject object) {
    Map<String, String> topics = new LinkedHashMap<>();
    for (String name : orderedNames(object)) {
      if (name.equals(MIN_SIMILARITY)) {
        continue;
      }
      String key = TOPICS_KEY + ".\"" + name + "\"";
      ConfigValue value = object.get(name);
      if (value.valueType() != ConfigValueType.STRING || String.valueOf(value.unwrapped()).isBlank()) {
        throw InvalidConfigException.badValue(key, value.render(com.typesafe.config.ConfigRenderOptions.concise()), "a description of the topic in words, e.g. "
            + "\"football, tennis, the Olympics and other sports\"");
      }
      topics.put(name.trim(), String.valueOf(value.unwrapped()).trim());
    }
    return topics;
  }

  private static double similarity(TypedConfig c) {
    double value = c.positiveDouble(MIN_SIMILARITY_KEY);
    if (value > 1) {
      throw InvalidConfigException.badValue(MIN_SIMILARITY_KEY, value, "a cosine similarity in (0, 1]");
    }
    return value;
  }

  /**
   * The names in the order the config file wrote them (by line: a HOCON object does not keep its keys' order; names
   * on one line, or from --set, by name), blank names rejected.
   */
  private static List<String> orderedNames(ConfigObject object) {
    List<String> names = new ArrayList<>(object.keySet());
    names.sort(Comparator.comparingInt((String name) -> line(object.get(name))).thenComparing(name -> name));
    for (String name : names) {
      if (name.isBlank()) {
        throw new InvalidConfigException("A topic under '" + SEEDS_KEY + "' or '" + TOPICS_KEY + "' has a blank "
            + "name; name every topic, e.g. Sports = ...");
      }
    }
    return names;
  }

  private static int line(ConfigValue value) {
    int line = value.origin().lineNumber();
    return line < 0 ? Integer.MAX_VALUE : line;
  }
}
