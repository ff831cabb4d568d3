package io.textcluster.describe;

import io.textcluster.describe.ClusterStatistics.NumericSummary;
import io.textcluster.describe.ClusterTopValues.ValueCount;
import io.textcluster.describe.Keyword;
import io.textcluster.describe.Representative;
import java.util.List;
import java.util.Map;

/** Everything the run found out about one cluster: one row of the clusters table. */
public record ClusterSummary(
    int clusterId,
    long size,
    double share,
    String name,
    List<Keyword> keywords,
    List<Representative> representatives,
    Map<String, Double> metadataMeans,
    Map<String, Long> labelCounts,
    String majorityLabel,
    double squaredError,
    List<Representative> samples,
    Map<String, NumericSummary> metadataStats,
    Map<String, List<ValueCount>> metadataTopValues,
    List<Keyword> vocabularyLabels,
    Integer parentClusterId) {}
