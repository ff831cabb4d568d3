package io.textcluster.job;

import io.textcluster.cluster.KSweep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented rules that pick k from a sweep's scores. */
class KSweepRuleTest {
  private static final List<KSweep.Score> SCORES =
      List.of(
          new KSweep.Score(2, 1000.0, 0.30, 1.2, 100.0),
          new KSweep.Score(3, 400.0, 0.45, 0.9, 180.0),
          new KSweep.Score(4, 300.0, 0.40, 0.8, 190.0),
          new KSweep.Score(5, 250.0, 0.45, 1.0, 150.0),
          new KSweep.Score(6, 220.0, null, 1.1, 140.0));

  @Test
  void eachRulePicksItsK() {
    assertEquals(3, KSweep.choose(SCORES, "silhouette", 9), "highest silhouette, ties to the smaller k");
    assertEquals(4, KSweep.choose(SCORES, "calinski-harabasz", 9));
    assertEquals(4, KSweep.choose(SCORES, "davies-bouldin", 9), "lowest Davies-Bouldin");
    assertEquals(3, KSweep.choose(SCORES, "elbow", 9), "the bend of the inertia curve");
    assertEquals(9, KSweep.choose(SCORES, "fixed", 9), "fixed keeps cluster.k");
  }
}
