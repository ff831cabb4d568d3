package io.textcluster.job;

import java.util.List;
import java.util.Map;

/** What a finished run reports back to its caller (the lake holds the same, in full). */
public record RunResult(
    String runId, long documents, Map<String, Double> metrics, List<String> clusterNames, String lakePath) {}
