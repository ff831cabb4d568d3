package io.textcluster.describe;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * Per cluster, the ids of the documents nearest its centre (distance, then id) and of its seeded sample (the hash of
 * the id, then id): bounded lists per partition, merged pairwise, so a pass over the documents costs no shuffle and
 * no sort of them (a window by cluster moved every document, its text included, and sorted each cluster twice).
 */
final class NearestAndSampled implements Serializable {
  /** One candidate: the ranking keys and the id that breaks their ties. */
  record Candidate(double distance, long sampleKey, String docId) implements Serializable {}

  static final Comparator<Candidate> NEAREST =
      Comparator.comparingDouble(Candidate::distance).thenComparing(Candidate::docId);
  static final Comparator<Candidate> SAMPLED =
      Comparator.comparingLong(Candidate::sampleKey).thenComparing(Candidate::docId);

  private final int nearestWanted;
  private final int sampledWanted;
  /** Per cluster, sorted by rank, at most the wanted number of each. */
  private final Map<Integer, List<Candidate>> nearest = new TreeMap<>();
  private final Map<Integer, List<Candidate>> sampled = new TreeMap<>();

  NearestAndSampled(int nearestWanted, int sampledWanted) {
    this.nearestWanted = nearestWanted;
    this.sampledWanted = sampledWanted;
  }

  /**
   * One partition's rows of (cluster id, doc id, distance, sample key) reduced to its bounded lists; a bounded heap
   * per cluster keeps the worst kept candidate on top, so a row costs a comparison, not a sort.
   */
  static NearestAndSampled ofPartition(Iterator<Row> rows, int nearestWanted, int sampledWanted) {
    Map<Integer, PriorityQueue<Candidate>> nearestHeaps = new TreeMap<>();
    Map<Integer, PriorityQueue<Candidate>> sampledHeaps = new TreeMap<>();
    while (rows.hasNext()) {
      Row row = rows.next();
      int cluster = row.getInt(0);
      Candidate candidate = new Candidate(row.getDouble(2), row.getLong(3), row.getString(1));
      offer(nearestHeaps, cluster, candidate, NEAREST, nearestWanted);
      offer(sampledHeaps, cluster, candidate, SAMPLED, sampledWanted);
    }
    NearestAndSampled result = new NearestAndSampled(nearestWanted, sampledWanted);
    nearestHeaps.forEach((cluster, heap) -> result.nearest.put(cluster, sorted(heap, NEAREST, nearestWanted)));
    sampledHeaps.forEach((cluster, heap) -> result.sampled.put(cluster, sorted(heap, SAMPLED, sampledWanted)));
    return result;
  }

  private static void offer(
      Map<Integer, PriorityQueue<Candidate>> heaps, int cluster, Candidate candidate, Comparator<Candidate> order,
      int wanted) {
    if (wanted <= 0) {
      return;
    }
    PriorityQueue<Candidate> heap = heaps.computeIfAbsent(cluster, c -> new PriorityQueue<>(order.reversed()));
    if (heap.size() < wanted) {
      heap.add(candidate);
    } else if (order.compare(candidate, heap.peek()) < 0) {
      heap.poll();
      heap.add(candidate);
    }
  }

  private static List<Candidate> sorted(Iterable<Candidate> candidates, Comparator<Candidate> order, int wanted) {
    List<Candidate> list = new ArrayList<>();
    candidates.forEach(list::add);
    list.sort(order);
    return new ArrayList<>(list.subList(0, Math.min(wanted, list.size())));
  }

  /** Both partitions' lists, each cluster's kept to the wanted number. */
  NearestAndSampled merge(NearestAndSampled other) {
    NearestAndSampled merged = new NearestAndSampled(nearestWanted, sampledWanted);
    mergeInto(merged.nearest, nearest, other.nearest, NEAREST, nearestWanted);
    mergeInto(merged.sampled, sampled, other.sampled, SAMPLED, sampledWanted);
    return merged;
  }

  private static void mergeInto(
      Map<Integer, List<Candidate>> target,
      Map<Integer, List<Candidate>> a,
      Map<Integer, List<Candidate>> b,
      Comparator<Candidate> order,
      int wanted) {
    target.putAll(a);
    b.forEach(
        (cluster, list) ->
            target.merge(cluster, list, (x, y) -> {
              List<Candidate> both = new ArrayList<>(x);
              both.addAll(y);
              return sorted(both, order, wanted);
            }));
  }

  /** Per cluster, the nearest documents in rank order. */
  Map<Integer, List<Candidate>> nearest() {
    return nearest;
  }

  /** Per cluster, the sampled documents in rank order. */
  Map<Integer, List<Candidate>> sampled() {
    return sampled;
  }
}
