package io.textcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The driver-side fits equal scikit-learn 1.2.1 on the same 150 points (4 overlapping blobs in 4 dimensions, euclidean):
 * AgglomerativeClustering(n_clusters=4) for each linkage, and DBSCAN(eps=1.6, min_samples=5) including its noise. The
 * expected labels come from src/test/python/sample_clustering_fixture.py, committed in
 * src/test/resources/sample-clustering/blobs.csv; partitions are compared up to the numbering of the clusters.
 */
class SampleClusteringFixtureTest {
  private static final int DIMENSIONS = 4;

  private record Fixture(double[][] points, Map<String, int[]> labels) {}

  private static Fixture fixture() throws IOException {
    try (var in = SampleClusteringFixtureTest.class.getResourceAsStream("/sample-clustering/blobs.csv");
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String[] header = reader.readLine().split(",");
      List<String[]> rows = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        rows.add(line.split(","));
      }
      double[][] points = new double[rows.size()][DIMENSIONS];
      Map<String, int[]> labels = new HashMap<>();
      for (int c = 1 + DIMENSIONS; c < header.length; c++) {
        labels.put(header[c], new int[rows.size()]);
      }
      for (int i = 0; i < rows.size(); i++) {
        for (int f = 0; f < DIMENSIONS; f++) {
          points[i][f] = Double.parseDouble(rows.get(i)[1 + f]);
        }
        for (int c = 1 + DIMENSIONS; c < header.length; c++) {
          labels.get(header[c])[i] = Integer.parseInt(rows.get(i)[c]);
        }
      }
      return new Fixture(points, labels);
    }
  }

  /** True when the two labelings are the same partition (noise, -1, must be noise in both). */
  static boolean samePartition(int[] ours, int[] theirs) {
    Map<Integer, Integer> forward = new HashMap<>();
    Map<Integer, Integer> backward = new HashMap<>();
    for (int i = 0; i < ours.length; i++) {
      if ((ours[i] < 0) != (theirs[i] < 0)) {
        return false;
      }
      int a = ours[i];
      int b = theirs[i];
      if (a >= 0 && (forward.computeIfAbsent(a, x -> b) != b || backward.computeIfAbsent(b, x -> a) != a)) {
        return false;
      }
    }
    return true;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ward", "average", "complete", "single"})
  void agglomerativeLabelsEqualScikitLearns(String linkage) throws IOException {
    Fixture f = fixture();
    int[] ours = AgglomerativeLinkage.fit(DriverSample.of(f.points(), false), linkage, 4);
    assertTrue(samePartition(ours, f.labels().get(linkage)), linkage + " differs from scikit-learn");
  }

  @Test
  void linkagesReallyDifferOnThisData() throws IOException {
    // Guards the fixture: if every linkage gave the same partition, the test above could not tell them apart.
    Fixture f = fixture();
    assertTrue(!samePartition(f.labels().get("ward"), f.labels().get("average")));
    assertTrue(!samePartition(f.labels().get("average"), f.labels().get("complete")));
    assertTrue(!samePartition(f.labels().get("complete"), f.labels().get("single")));
  }

  @Test
  void dbscanLabelsAndNoiseEqualScikitLearns() throws IOException {
    Fixture f = fixture();
    Dbscan.Result ours = Dbscan.fit(DriverSample.of(f.points(), false), 1.6, 5);
    int[] expected = f.labels().get("dbscan");
    assertEquals(java.util.Arrays.stream(expected).max().getAsInt() + 1, ours.clusters());
    assertTrue(samePartition(ours.labels(), expected), "DBSCAN differs from scikit-learn");
  }
}
