package io.textcluster.cluster.lloyd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.TaskContext;

/**
 * An all-gather among the tasks of one barrier stage that run in one JVM (Spark's local mode): each task hands in its
 * value for a round and gets every task's value back, in partition order. Spark's own {@link
 * org.apache.spark.BarrierTaskContext#allGather} goes through the driver's RPC and polls for the answer once a second,
 * far too slow for a Lloyd iteration of a tenth of a second. A waiting task checks every 100 ms whether Spark has
 * killed it (another task of the stage failed), so a failed stage never leaves its tasks waiting.
 */
final class TaskExchange {
  private static final ConcurrentHashMap<String, TaskExchange> OPEN = new ConcurrentHashMap<>();
  private final Phaser phaser;
  // Two rounds of slots used in turn: a task that has moved on to the next round writes to the other half while the
  // slowest task still reads this one, and no task can get two rounds ahead.
  private final Object[][] slots;

  private TaskExchange(int parties) {
    this.phaser = new Phaser(parties);
    this.slots = new Object[2][parties];
  }

  /** The exchange of the stage attempt named {@code key}, for {@code parties} tasks; created by the first to ask. */
  static TaskExchange join(String key, int parties) {
    return OPEN.computeIfAbsent(key, k -> new TaskExchange(parties));
  }

  /** Forgets the exchanges whose keys start with {@code prefix}, once their job has ended. */
  static void closeAll(String prefix) {
    OPEN.keySet().removeIf(key -> key.startsWith(prefix));
  }

  /** Hands in {@code mine} as task {@code index}'s value for {@code round} and returns all tasks' values. */
  @SuppressWarnings("unchecked")
  <T> List<T> allGather(int index, int round, T mine) {
    Object[] half = slots[round % 2];
    half[index] = mine;
    int phase = phaser.arrive();
    TaskContext task = TaskContext.get();
    while (true) {
      try {
        phaser.awaitAdvanceInterruptibly(phase, 100, TimeUnit.MILLISECONDS);
        break;
      } catch (TimeoutException e) {
        if (task != null) {
          task.killTaskIfInterrupted();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the other tasks of the stage", e);
      }
    }
    List<T> all = new ArrayList<>(half.length);
    for (Object value : Arrays.copyOf(half, half.length)) {
      all.add((T) value);
    }
    return all;
  }
}
