package io.textcluster.report;

import java.util.stream.IntStream;

/**
 * Exact k nearest neighbours by cosine distance (1 - cosine) over the map sample's sparse rows, through an inverted
 * index: a row's similarities to all others cost the postings of its terms, not n dense inner products, and there is no
 * hashing or projection to blur which documents are close. Rows are independent, so they are spread over the cores;
 * the result does not depend on how many there are. Ties go to the lower row number.
 */
final class NearestNeighbours {
  private static final int BLOCK = 64;

  /** neighbours[i] (k rows, never i itself, nearest first) and distances[i], the matching cosine distances. */
  final int[][] neighbours;
  final float[][] distances;

  private NearestNeighbours(int[][] neighbours, float[][] distances) {
    this.neighbours = neighbours;
    this.distances = distances;
  }

  static NearestNeighbours of(UnitRows rows, int k) {
    int n = rows.size();
    if (k >= n) {
      throw new IllegalArgumentException("k = " + k + " needs more than k rows, got " + n);
    }
    // Postings: for each term, the rows that have it and their values (compressed-column form).
    int[] start = new int[rows.termCount + 1];
    for (int[] row : rows.terms) {
      for (int t : row) {
        start[t + 1]++;
      }
    }
    for (int t = 0; t < rows.termCount; t++) {
      start[t + 1] += start[t];
    }
    int[] fill = start.clone();
    int[] postingRow = new int[start[rows.termCount]];
    float[] postingValue = new float[postingRow.length];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < rows.terms[i].length; j++) {
        int at = fill[rows.terms[i][j]]++;
        postingRow[at] = i;
        postingValue[at] = rows.values[i][j];
      }
    }
    int[][] neighbours = new int[n][k];
    float[][] distances = new float[n][k];
    IntStream.range(0, (n + BLOCK - 1) / BLOCK).parallel().forEach(block -> {
      float[] similarity = new float[n];
      boolean[] seen = new boolean[n];
      int[] touched = new int[n];
      float[] bestSimilarity = new float[k];
      for (int i = block * BLOCK; i < Math.min(n, (block + 1) * BLOCK); i++) {
        int count = 0;
        for (int j = 0; j < rows.terms[i].length; j++) {
          int t = rows.terms[i][j];
          float v = rows.values[i][j];
          for (int p = start[t]; p < start[t + 1]; p++) {
            int other = postingRow[p];
            if (!seen[other]) {
              seen[other] = true;
              touched[count++] = other;
            }
            similarity[other] += v * postingValue[p];
          }
        }
        int[] best = neighbours[i];
        int found = 0;
        for (int c = 0; c < count; c++) {
          int other = touched[c];
          if (other != i) {
            found = offer(best, bestSimilarity, found, k, other, similarity[other]);
          }
          similarity[other] = 0;
          seen[other] = false;
        }
        // Rows sharing no term with row i are all at distance 1: the lowest-numbered fill the list.
        for (int other = 0; found < k && other < n; other++) {
          if (other != i && !contains(best, found, other)) {
            found = offer(best, bestSimilarity, found, k, other, 0f);
          }
        }
        for (int m = 0; m < k; m++) {
          distances[i][m] = Math.max(0f, 1f - bestSimilarity[m]);
        }
      }
    });
    return new NearestNeighbours(neighbours, distances);
  }

  /** Inserts (row, s) into the list kept sorted by similarity descending, then row ascending; returns its new size. */
  private static int offer(int[] best, float[] bestSimilarity, int found, int k, int row, float s) {
    if (found == k && !before(s, row, bestSimilarity[k - 1], best[k - 1])) {
      return found;
    }
    int at = Math.min(found, k - 1);
    while (at > 0 && before(s, row, bestSimilarity[at - 1], best[at - 1])) {
      best[at] = best[at - 1];
      bestSimilarity[at] = bestSimilarity[at - 1];
      at--;
    }
    best[at] = row;
    bestSimilarity[at] = s;
    return Math.min(found + 1, k);
  }

  private static boolean before(float s, int row, float otherS, int otherRow) {
    return s > otherS || (s == otherS && row < otherRow);
  }

  private static boolean contains(int[] rows, int count, int row) {
    for (int c = 0; c < count; c++) {
      if (rows[c] == row) {
        return true;
      }
    }
    return false;
  }
}
