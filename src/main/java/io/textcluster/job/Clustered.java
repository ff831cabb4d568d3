package io.textcluster.job;

import io.textcluster.cluster.ClusterMatching;
import io.textcluster.cluster.FittedClustering;
import io.textcluster.cluster.KSweep;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The cluster stage's result: the fitted clustering (ids matched to an earlier run where asked), the documents with
 * {@code cluster_id} and {@code distance} as its model wrote them (persisted; released by the run), the k used, the
 * sweep that chose it and the matching (null when not asked for), and how many fitted centres no document took.
 */
record Clustered(
    Featurized features,
    FittedClustering fit,
    Dataset<Row> assigned,
    int k,
    KSweep.Result sweep,
    ClusterMatching.Result matching,
    int emptyClusters) {}
