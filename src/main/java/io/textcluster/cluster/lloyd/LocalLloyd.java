package io.textcluster.cluster.lloyd;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.Dependency;
import org.apache.spark.ShuffleDependency;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.resource.ResourceProfile;
import scala.collection.JavaConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * In Spark's local mode, all the Lloyd iterations of a fit in one job of barrier tasks, one per partition of blocks.
 * Each task keeps its blocks, computes its partial sums, and swaps them with the other tasks in memory ({@link
 * TaskExchange}); every task then merges the same sums in the same order into the same next centres. No job is
 * scheduled, no centres broadcast and no closure serialised per iteration: on a laptop that scheduling costs a third of
 * each iteration. On a cluster, a fit runs a job per iteration; {@link #unsupportedReason} says which.
 */
final class LocalLloyd {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LocalLloyd.class);

  private LocalLloyd() {}

  /** Why a fit in this Spark application cannot iterate in one local barrier job, or null when it can. */
  static String unsupportedReason(SparkContext sc) {
    if (!sc.isLocal()) {
      return "not local mode: tasks in other JVMs exchange their sums through a job per iteration";
    }
    return null;
  }

  /**
   * Packs the blocks into at most as many partitions as tasks can run at once (a barrier stage runs all its tasks
   * together), cached and cut from their lineage by a local checkpoint: Spark allows a barrier stage only over RDDs
   * that all have its number of partitions, which a coalesce or a union upstream would break.
   */
  static JavaRDD<RowBlock> pack(JavaRDD<RowBlock> blocks) {
    int slots = slots(blocks.context());
    JavaRDD<RowBlock> packed = blocks.getNumPartitions() > slots ? blocks.coalesce(slots) : blocks;
    packed.rdd().localCheckpoint();
    packed.count();
    LOG.debug("Lloyd iterations in one barrier job over {} partitions of blocks", packed.getNumPartitions());
    return packed;
  }

  /**
   * Whether a barrier job can run over these (lazy) blocks as they are, each task packing its own rows: at most as
   * many partitions as tasks run at once, and, as Spark requires of a barrier stage, every RDD of the stage (through
   * narrow dependencies) with that many partitions.
   */
  static boolean packsInTask(JavaRDD<RowBlock> blocks) {
    int partitions = blocks.getNumPartitions();
    if (partitions == 0 || partitions > slots(blocks.context())) {
      return false;
    }
    Deque<RDD<?>> stage = new ArrayDeque<>(List.of(blocks.rdd()));
    Set<Integer> seen = new HashSet<>();
    while (!stage.isEmpty()) {
      RDD<?> rdd = stage.pop();
      if (!seen.add(rdd.id())) {
        continue;
      }
      if (rdd.getNumPartitions() != partitions) {
        return false;
      }
      for (Dependency<?> dependency : JavaConverters.seqAsJavaList(rdd.dependencies())) {
        if (!(dependency instanceof ShuffleDependency)) {
          stage.push(dependency.rdd());
        }
      }
    }
    return true;
  }

  private static int slots(SparkContext sc) {
    ResourceProfile profile = sc.resourceProfileManager().defaultResourceProfile();
    return Math.max(1, sc.maxNumConcurrentTasks(profile));
  }

  /** Runs the iterations left in {@code progress} and returns where they ended. */
  static LloydProgress run(JavaRDD<RowBlock> blocks, LloydProgress progress) {
    if (blocks.getNumPartitions() == 0) {
      // No task would return a result; with no rows the centres have nowhere to move.
      return progress;
    }
    String fit = UUID.randomUUID().toString();
    ClassTag<LloydProgress> tag = ClassTag$.MODULE$.apply(LloydProgress.class);
    IterateInTask iterate = new IterateInTask(fit, blocks.getNumPartitions(), progress);
    try {
      return JavaRDD.fromRDD(blocks.rdd().barrier().mapPartitions(iterate, false, tag), tag).collect().get(0);
    } finally {
      TaskExchange.closeAll(fit + "/");
    }
  }

  /** The body of each barrier task. Only the first task returns the result; all hold the same. */
  private static final class IterateInTask
      extends AbstractFunction1<scala.collection.Iterator<RowBlock>, scala.collection.Iterator<LloydProgress>>
      implements Serializable {
    private final String fit;
    private final int partitions;
    private final LloydProgress start;

    IterateInTask(String fit, int partitions, LloydProgress start) {
      this.fit = fit;
      this.partitions = partitions;
      this.start = start;
    }

    @Override
    public scala.collection.Iterator<LloydProgress> apply(scala.collection.Iterator<RowBlock> rows) {
      TaskContext task = TaskContext.get();
      List<RowBlock> blocks = new ArrayList<>();
      while (rows.hasNext()) {
        blocks.add(rows.next());
      }
      // A retried stage gets a fresh exchange: its tasks never meet values left by the failed attempt.
      TaskExchange exchange = TaskExchange.join(fit + "/" + task.stageAttemptNumber(), partitions);
      LloydProgress progress = start.copy();
      // Rows keep bounds across iterations and skip the ones that provably keep their cluster.
      BoundedIterations bounded =
          BoundedIterations.of(blocks, progress.centres().length, progress.centres()[0].length);
      // All tasks hold the same centres, so all stop after the same iteration: every round is joined by every task.
      while (!progress.finished()) {
        long started = System.nanoTime();
        FloatCentres centres = progress.current();
        CentreSums mine;
        if (bounded != null) {
          mine = bounded.next(centres);
        } else {
          mine = progress.emptySums();
          for (RowBlock block : blocks) {
            mine.add(block, centres);
          }
        }
        CentreSums total = progress.emptySums();
        for (CentreSums sums : exchange.allGather(task.partitionId(), progress.iterations(), mine)) {
          total.merge(sums);
        }
        progress.apply(total);
        if (task.partitionId() == 0 && bounded != null) {
          LOG.debug("iteration {}: {} s; first task's rows kept by their bounds {}, after one distance {}; distances"
                  + " computed {} of the plain iteration's", progress.iterations(), (System.nanoTime() - started) / 1e9,
              bounded.skippedShare(), bounded.tightenedShare(), bounded.computedShare());
        } else if (task.partitionId() == 0) {
          LOG.debug("iteration {}: {} s", progress.iterations(), (System.nanoTime() - started) / 1e9);
        }
      }
      List<LloydProgress> result = task.partitionId() == 0 ? List.of(progress) : List.of();
      return scala.collection.JavaConverters.asScalaIterator(result.iterator());
    }
  }
}
