package io.textcluster.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class HungarianMatchingTest {
  @Test
  void squareMinimumCost() {
    // scipy.optimize.linear_sum_assignment([[4,1,3],[2,0,5],[3,2,2]]) -> cols [1, 0, 2], total 5
    assertArrayEquals(
        new int[] {1, 0, 2}, HungarianMatching.minimumCost(new double[][] {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}}));
  }

  @Test
  void moreRowsThanColumnsLeavesTheCostliestUnmatched() {
    assertArrayEquals(
        new int[] {0, -1, 1}, HungarianMatching.minimumCost(new double[][] {{1, 9}, {5, 5}, {9, 1}}));
  }

  @Test
  void maximumTotalMatchesClustersToLabels() {
    // counts[cluster][label]: cluster 0 is mostly label 2, cluster 1 label 0, cluster 2 label 1
    assertArrayEquals(
        new int[] {2, 0, 1},
        HungarianMatching.maximumTotal(new double[][] {{1, 2, 50}, {40, 3, 1}, {0, 30, 9}}));
  }
}
