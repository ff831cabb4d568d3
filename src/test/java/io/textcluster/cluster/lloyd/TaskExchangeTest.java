package io.textcluster.cluster.lloyd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.support.SparkTest;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The barrier iterations' exchange between the tasks of one fit: every value in order, and no wait on a dead task. */
@SparkTest
class TaskExchangeTest {
  private final SparkSession spark;

  TaskExchangeTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void tasksWaitingInTheExchangeGetEveryValueInPartitionOrder() throws Exception {
    TaskExchange exchange = TaskExchange.join("test-exchange/0", 3);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      List<java.util.concurrent.Future<List<String>>> gathered = new ArrayList<>();
      for (int task = 0; task < 3; task++) {
        int index = task;
        gathered.add(pool.submit(() -> {
          List<String> seen = new ArrayList<>();
          for (int round = 0; round < 50; round++) {
            // Uneven pauses: tasks reach the rounds at different times and must still see this round's values.
            if ((round + index) % 7 == 0) {
              Thread.sleep(2);
            }
            seen.add(String.join(",", exchange.allGather(index, round, round + ":" + index)));
          }
          return seen;
        }));
      }
      for (java.util.concurrent.Future<List<String>> task : gathered) {
        List<String> seen = task.get(30, java.util.concurrent.TimeUnit.SECONDS);
        for (int round = 0; round < 50; round++) {
          assertEquals(round + ":0," + round + ":1," + round + ":2", seen.get(round));
        }
      }
    } finally {
      pool.shutdownNow();
      TaskExchange.closeAll("test-exchange/");
    }
  }

  @Test
  void aFailedTaskEndsTheTasksWaitingForIt() {
    // Task 1 fails before its first exchange; task 0 waits for it and must be stopped by Spark's kill, not hang.
    String fit = "failing-" + System.nanoTime();
    org.apache.spark.rdd.RDD<Integer> two =
        spark.sparkContext().parallelize(
            scala.collection.JavaConverters.asScalaBuffer(List.of(0, 1)).toSeq(), 2,
            scala.reflect.ClassTag$.MODULE$.apply(Integer.class));
    ExchangeOrFail body = new ExchangeOrFail(fit);
    org.apache.spark.SparkException failure =
        assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(60),
            () -> assertThrows(
                org.apache.spark.SparkException.class,
                () -> two.barrier().mapPartitions(body, false, scala.reflect.ClassTag$.MODULE$.apply(Integer.class))
                    .count()));
    assertTrue(failure.getMessage().contains("task 1 fails"), failure.getMessage());
    // Spark does not wait for the tasks it kills: the waiting task must notice its kill and end by itself.
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!ExchangeOrFail.WAITER_ENDED.get() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(ExchangeOrFail.WAITER_ENDED.get(), "task 0 still waits in the exchange");
    TaskExchange.closeAll(fit);
  }

  /** Task 1 throws; the others wait for it in the exchange. */
  private static final class ExchangeOrFail
      extends scala.runtime.AbstractFunction1<scala.collection.Iterator<Integer>, scala.collection.Iterator<Integer>>
      implements java.io.Serializable {
    static final java.util.concurrent.atomic.AtomicBoolean WAITER_ENDED = new java.util.concurrent.atomic.AtomicBoolean();
    private final String fit;

    ExchangeOrFail(String fit) {
      this.fit = fit;
    }

    @Override
    public scala.collection.Iterator<Integer> apply(scala.collection.Iterator<Integer> rows) {
      org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
      if (task.partitionId() == 1) {
        throw new IllegalStateException("task 1 fails");
      }
      try {
        TaskExchange.join(fit + "/" + task.stageAttemptNumber(), 2).allGather(task.partitionId(), 0, "waiting");
      } finally {
        WAITER_ENDED.set(true);
      }
      return rows;
    }
  }
}
