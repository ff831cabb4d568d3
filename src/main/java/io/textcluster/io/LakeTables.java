package io.textcluster.io;

/** The tables of the lake: the contract downstream users build on (see README, "Tables in the lake"). */
public final class LakeTables {
  public static final String ASSIGNMENTS = "assignments";
  public static final String CLUSTERS = "clusters";
  public static final String RUNS = "runs";
  /** Documents per (label, cluster) of a run with labels: run_id, label, cluster_id, count. */
  public static final String CONTINGENCY = "contingency";
  public static final String MODELS = "models";
  /** LLM cluster names by prompt hash, shared by the lake's runs: prompt_hash, model, base_url, name, created_at. */
  public static final String NAMING_CACHE = "naming_cache";
  /** One row per k of a run's k sweep (cluster.sweep): run_id, k, inertia, silhouette, davies_bouldin,
   * calinski_harabasz, chosen. */
  public static final String SWEEPS = "sweeps";
  /** Re-fits with cluster.match-run: run_id, cluster_id, earlier_run_id, earlier_cluster_id, documents, share,
   * earlier_share, event (born, split, merged, died, continued). */
  public static final String CLUSTER_LINEAGE = "cluster_lineage";
  /** Runs with input.time-column: run_id, cluster_id, period, documents, share, share_growth, emerging. */
  public static final String CLUSTER_TRENDS = "cluster_trends";

  private LakeTables() {}
}
