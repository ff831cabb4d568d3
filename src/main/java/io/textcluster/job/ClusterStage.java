package io.textcluster.job;

import static io.textcluster.instrument.StageProgress.count;
import static org.apache.spark.sql.functions.col;

import io.textcluster.cluster.ClusterMatching;
import io.textcluster.cluster.ClusteringMethods;
import io.textcluster.cluster.FittedClustering;
import io.textcluster.cluster.KSweep;
import io.textcluster.config.ClusterConfig;
import io.textcluster.config.JobConfig;
import io.textcluster.config.NightlyConfig;
import io.textcluster.guided.GuidedClustering;
import io.textcluster.nightly.WarmStartRun;
import io.textcluster.instrument.StageProgress.Outcome;
import io.textcluster.io.LakeWriter;
import io.textcluster.schema.Columns;
import java.io.PrintStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The cluster stage of a run: sweep k when asked, fit the configured method, match ids to an earlier run when asked,
 * and assign every document with the fitted model, which writes {@code cluster_id} and the distance to its centre.
 */
final class ClusterStage {
  private final JobConfig config;
  private final LakeWriter lake;
  private final PrintStream console;

  ClusterStage(JobConfig config, LakeWriter lake, PrintStream console) {
    this.config = config;
    this.lake = lake;
    this.console = console;
  }

  Outcome<Clustered> fit(Featurized features) {
    ClusterConfig settings = config.cluster();
    Dataset<Row> documents = features.documents();
    KSweep.Result sweep = null;
    if (settings.sweep().enabled()) {
      sweep = KSweep.run(documents, Columns.FEATURES, settings, config.evaluate());
      settings = settings.withK(sweep.chosenK());
      console.printf("[textcluster] sweep     k = %d chosen by %s over k = %d..%d%n", sweep.chosenK(), sweep.rule(),
          settings.sweep().kFrom(), settings.sweep().kTo());
    }
    FittedClustering fit = settings.init().equals(NightlyConfig.PREVIOUS_RUN)
        ? WarmStartRun.fit(documents.sparkSession(), config, documents)
        // issue 22: seed topics (cluster.seed-topics) and zero-shot topics (cluster.topics)
        : GuidedClustering.applies(config) ? GuidedClustering.fit(config, settings, features.model(),
            features.corpus().documents().schema(), documents)
        : ClusteringMethods.forConfig(settings, config.clusterControl()).fit(documents, Columns.FEATURES);
    ClusterMatching.Result matching = null;
    if (config.matchRun().isPresent()) {
      matching = ClusterMatching.relabel(lake, config.matchRun().get(), documents, fit);
      fit = matching.relabelled();
    }
    Dataset<Row> assigned = fit.model().transform(documents).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long rows = assigned.count();
      // GMM and k-means on tiny data can fit components no document is assigned to: they are not clusters.
      long used = assigned.select(Columns.CLUSTER_ID).where(col(Columns.CLUSTER_ID).geq(0)).distinct().count();
      int fitted = fit.centres().length;
      int empty = settings.isDensity() ? 0 : Math.max(0, fitted - (int) used);
      Clustered clustered = new Clustered(features, fit, assigned, settings.k(), sweep, matching, empty);
      return new Outcome<>(clustered, count(rows) + " documents in " + used + " clusters"
          + (empty > 0 ? " (" + empty + " of the " + fitted + " fitted came out empty)" : "") + ", " + fit.summary());
    } catch (RuntimeException e) {
      assigned.unpersist();
      throw e;
    }
  }
}
