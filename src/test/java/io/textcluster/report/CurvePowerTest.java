package io.textcluster.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CurvePowerTest {
  @Test
  void agreesWithMathPow() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 1_000_000; i++) {
      double x = Math.exp(random.nextDouble(-50, 50));
      double b = random.nextDouble(0.1, 2);
      assertEquals(Math.pow(x, b), CurvePower.pow(x, b), Math.pow(x, b) * 1e-8, () -> x + "^" + b);
    }
    assertEquals(0, CurvePower.pow(0, UmapOptimizer.B));
    assertEquals(Math.pow(1e-310, 0.9), CurvePower.pow(1e-310, 0.9), 1e-300, "subnormal: Math.pow");
    assertEquals(1, CurvePower.pow(1, UmapOptimizer.B), 1e-9);
  }
}
