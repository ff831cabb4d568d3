package io.textcluster.instrument;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The driver JVM's peak heap use during a run, recorded as the run's metric {@code driver_peak_heap_mb}: the evidence
 * that the driver holds nothing that grows with the number of documents. Sampled every 100 ms (the JVM's per-pool
 * peaks happen at different moments, so their sum overstates it). In local mode the executors share the driver's JVM,
 * so there it includes their cached partitions and task memory too.
 */
public final class DriverMemory implements AutoCloseable {
  public static final String METRIC = "driver_peak_heap_mb";
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "textcluster-driver-memory");
            t.setDaemon(true);
            return t;
          });

  private DriverMemory() {
    sampler.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
  }

  /** Starts sampling; {@link #close()} stops it. */
  public static DriverMemory watch() {
    return new DriverMemory();
  }

  private void sample() {
    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
  }

  /** The largest heap use seen so far, in MiB. */
  public double peakHeapMb() {
    sample();
    return peak.get() / (1024.0 * 1024.0);
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
