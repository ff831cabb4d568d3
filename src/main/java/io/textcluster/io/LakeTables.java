package io.textcluster.io;

/** The tables of the lake: the contract downstream users build on (see README, "Tables in the lake"). */
public final class LakeTables {
  public static final String ASSIGNMENTS = "assignments";
  public static final String CLUSTERS = "clusters";
  public static final String RUNS = "runs";
  /** Documents per (label, cluster) of a run with labels: run_id, label, cluster_id, count. */
  public static final String CONTINGENCY = "contingency";
  public static final String MODELS = "models";
  /** One row per k of a run's k sweep (cluster.sweep): run_id, k, inertia, silhouette, davies_bouldin,
   * calinski_harabasz, chosen. */
  public static final String SWEEPS = "sweeps";

  private LakeTables() {}
}
