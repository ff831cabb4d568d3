package io.textcluster.describe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keywords that tell clusters apart, chosen on the driver from each cluster's class-based TF-IDF candidates ({@link
 * ClusterKeywords}, a few times more than wanted; k x candidates rows):
 *
 * <ul>
 *   <li>excluded terms go first: the literal words of input.text-template ("title", "content" of "Title: {Summary};
 *       Content: {Text}") and describe.exclude-terms, alone or inside a bigram;
 *   <li>boilerplate goes next: a term among the top keywords of more than describe.boilerplate-share of the clusters
 *       ("continue reading" under every news headline) says nothing about any one of them (with 3 clusters or more);
 *   <li>then, with describe.keyword-diversity = d > 0, maximal marginal relevance: each next keyword maximises (1 - d)
 *       x its score (relative to the cluster's best) - d x its largest word overlap (Jaccard over the words of the
 *       terms) with a keyword already chosen, so "prime minister" does not follow "minister".
 * </ul>
 */
public final class DistinctKeywords {
  private DistinctKeywords() {}

  public static Map<Integer, List<Keyword>> select(
      Map<Integer, List<Keyword>> candidates, int perCluster, Set<String> excluded, double boilerplateShare,
      double diversity) {
    Map<Integer, List<Keyword>> kept = new TreeMap<>();
    candidates.forEach((cluster, terms) -> kept.put(cluster, terms.stream()
        .filter(k -> Arrays.stream(k.term().split(" ")).noneMatch(excluded::contains)).toList()));
    Set<String> boilerplate = boilerplate(kept, perCluster, boilerplateShare);
    Map<Integer, List<Keyword>> result = new TreeMap<>();
    kept.forEach((cluster, terms) -> {
      List<Keyword> useful = terms.stream().filter(k -> !boilerplate.contains(k.term())).toList();
      result.put(cluster, diversity > 0 ? mmr(useful, perCluster, diversity)
          : new ArrayList<>(useful.subList(0, Math.min(perCluster, useful.size()))));
    });
    return result;
  }

  /** Terms among the top {@code perCluster} of more than {@code share} of the (non-noise) clusters. */
  static Set<String> boilerplate(Map<Integer, List<Keyword>> candidates, int perCluster, double share) {
    List<Integer> clusters = candidates.keySet().stream().filter(c -> c >= 0).toList();
    if (clusters.size() < 3 || share >= 1) {
      return Set.of();
    }
    Map<String, Integer> inTop = new HashMap<>();
    for (int cluster : clusters) {
      List<Keyword> terms = candidates.get(cluster);
      for (Keyword k : terms.subList(0, Math.min(perCluster, terms.size()))) {
        inTop.merge(k.term(), 1, Integer::sum);
      }
    }
    Set<String> boilerplate = new HashSet<>();
    inTop.forEach((term, count) -> {
      if (count > share * clusters.size()) {
        boilerplate.add(term);
      }
    });
    return boilerplate;
  }

  static List<Keyword> mmr(List<Keyword> candidates, int perCluster, double diversity) {
    List<Keyword> chosen = new ArrayList<>();
    if (candidates.isEmpty()) {
      return chosen;
    }
    double best = candidates.stream().mapToDouble(Keyword::score).max().orElse(1);
    List<Keyword> left = new ArrayList<>(candidates);
    while (chosen.size() < perCluster && !left.isEmpty()) {
      Keyword next = null;
      double nextValue = Double.NEGATIVE_INFINITY;
      for (Keyword k : left) {
        double overlap = 0;
        for (Keyword c : chosen) {
          overlap = Math.max(overlap, overlap(k.term(), c.term()));
        }
        double value = (1 - diversity) * (best > 0 ? k.score() / best : 0) - diversity * overlap;
        if (value > nextValue) {
          nextValue = value;
          next = k;
        }
      }
      chosen.add(next);
      left.remove(next);
    }
    return chosen;
  }

  /** Jaccard overlap of the words of two terms. */
  static double overlap(String a, String b) {
    Set<String> wordsA = new LinkedHashSet<>(Arrays.asList(a.split(" ")));
    Set<String> wordsB = new HashSet<>(Arrays.asList(b.split(" ")));
    Set<String> union = new HashSet<>(wordsA);
    union.addAll(wordsB);
    wordsA.retainAll(wordsB);
    return union.isEmpty() ? 0 : (double) wordsA.size() / union.size();
  }
}
