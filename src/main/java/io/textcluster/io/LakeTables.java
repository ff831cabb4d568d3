package io.textcluster.io;

/** The tables of the lake: the contract downstream users build on (see README, "Tables in the lake"). */
public final class LakeTables {
  public static final String ASSIGNMENTS = "assignments";
  public static final String CLUSTERS = "clusters";
  public static final String RUNS = "runs";
  public static final String MODELS = "models";

  private LakeTables() {}
}
