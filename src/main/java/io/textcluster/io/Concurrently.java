package io.textcluster.io;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a few independent lake reads or writes at once on the driver, and returns only when every one has ended.
 * Issue 20: on a small corpus each Delta commit or table read is a chain of tiny Spark jobs and driver-side planning
 * (a second or two each, one core busy), so a run's five table writes or its report's seven queries one after another
 * left the other core idle. Spark and Delta take jobs from several driver threads; different tables never conflict.
 *
 * <p>Waiting for all of them even when one fails matters: a run's failure takes back what its attempt wrote
 * ({@link AttemptWrites#undo}), which must not race a write still in flight. The first failure is thrown as it was
 * (an Error such as Hadoop's FSError stays an Error); the others are added to it as suppressed.
 */
public final class Concurrently {
  /** At most this many at once: each is mostly one driver thread, and the machine may have two cores. */
  private static final int THREADS = 3;
  private static final AtomicInteger POOLS = new AtomicInteger();

  /** One step that may throw anything a lake write throws (IOException, Delta's checked exceptions). */
  public interface Step {
    void run() throws Exception;
  }

  private Concurrently() {}

  /**
   * Starts one step on a thread of its own and returns at once; the future ends when the step has, with its failure if
   * it threw. For a step the caller overlaps with its own work and joins before it depends on it.
   */
  public static CompletableFuture<Void> start(String name, Step step) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        step.run();
        done.complete(null);
      } catch (Throwable failure) {
        done.completeExceptionally(failure);
      }
    }, "textcluster-" + name);
    thread.setDaemon(true);
    thread.start();
    return done;
  }

  /**
   * Waits for a step {@link #start}ed earlier, even through interrupts (the interrupt is kept): null if it succeeded,
   * else its failure as it was thrown.
   */
  public static Throwable failureOf(CompletableFuture<Void> step) {
    try {
      awaitUninterruptibly(step);
      return null;
    } catch (ExecutionException e) {
      return e.getCause() == null ? e : e.getCause();
    }
  }

  /** Runs every step, at most three at a time; rethrows the first failure once all have ended. */
  public static void run(List<Step> steps) throws Exception {
    List<Callable<Void>> calls = new ArrayList<>();
    for (Step step : steps) {
      calls.add(() -> {
        step.run();
        return null;
      });
    }
    all(calls);
  }

  /** Computes every value, at most three at a time, in the order given; rethrows as {@link #run} does. */
  public static <T> List<T> all(List<? extends Callable<T>> calls) throws Exception {
    if (calls.size() <= 1) {
      List<T> values = new ArrayList<>();
      for (Callable<T> call : calls) {
        values.add(call.call());
      }
      return values;
    }
    int pool = POOLS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(Math.min(THREADS, calls.size()), task -> {
      // Daemon threads: a driver that fails elsewhere still exits. Spark's local properties (job group, scheduler
      // pool) are inherited when the thread is created, so the jobs it starts belong to the caller's.
      Thread thread = new Thread(task, "textcluster-lake-" + pool + "-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> call : calls) {
        futures.add(executor.submit(call));
      }
      List<T> values = new ArrayList<>();
      Throwable first = null;
      for (Future<T> future : futures) {
        try {
          values.add(awaitUninterruptibly(future));
        } catch (ExecutionException e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          if (first == null) {
            first = cause;
          } else if (first != cause) {
            first.addSuppressed(cause);
          }
        }
      }
      if (first instanceof Exception exception) {
        throw exception;
      }
      if (first instanceof Error error) {
        throw error;
      }
      if (first != null) {
        throw new IllegalStateException(first);
      }
      return values;
    } finally {
      executor.shutdown();
    }
  }

  /**
   * Waits for one step even if this thread is interrupted meanwhile (the interrupt is kept for the caller): returning
   * while a write is still in flight would let the caller's cleanup race it.
   */
  private static <T> T awaitUninterruptibly(Future<T> future) throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
