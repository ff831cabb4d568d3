package io.textcluster.job;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The driver JVM's peak heap during a run, recorded as the run's metric {@code driver_peak_heap_mb}: the evidence that
 * the driver holds nothing that grows with the number of documents. In local mode the executors share the driver's
 * JVM, so there it includes their cached partitions and task memory too.
 */
final class DriverMemory {
  static final String METRIC = "driver_peak_heap_mb";

  private DriverMemory() {}

  /** Starts the peak over from the current use (a session can run many jobs). */
  static void resetPeak() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peaks since the last reset, in MiB (an upper bound: pools peak at different times). */
  static double peakHeapMb() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes / (1024.0 * 1024.0);
  }
}
