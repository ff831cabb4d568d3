package io.textcluster.job;

/** Releasing a run's caches and broadcasts: every step is tried, so one failing release cannot leak the others. */
final class Releases {
  private Releases() {}

  static void all(Runnable... steps) {
    RuntimeException first = null;
    for (Runnable step : steps) {
      try {
        step.run();
      } catch (RuntimeException failure) {
        if (first == null) {
          first = failure;
        } else {
          first.addSuppressed(failure);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
