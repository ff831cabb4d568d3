package io.textcluster.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.textcluster.io.LakeTables;
import io.textcluster.support.SparkTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** What the report reads about a run's past: trends bounded by cells, the earlier run chosen as documented. */
@SparkTest
class RunHistoryTest {
  private final SparkSession spark;
  private final Map<String, Dataset<Row>> lake = new HashMap<>();

  RunHistoryTest(SparkSession spark) {
    this.spark = spark;
  }

  private JsonNode history(String runId, int maxTrendCells) throws Exception {
    Dataset<Row> clusters = lake.get(LakeTables.CLUSTERS);
    return new ObjectMapper().readTree(new RunHistory(lake::get, maxTrendCells)
        .json(runId, clusters == null ? List.of()
            : clusters.filter("run_id = '" + runId + "'").toJSON().collectAsList()));
  }

  @Test
  void trendsBeyondTheCapKeepTheLatestWholePeriods() throws Exception {
    // 10 months x 3 clusters; a cap of 10 cells holds 3 whole months (the 4th was cut by the limit: left out whole).
    lake.put(LakeTables.CLUSTER_TRENDS, spark.sql("select 'r' run_id, cast(c as int) cluster_id,"
        + " add_months(date'2024-01-01', cast(m as int)) period, m * 10 + c documents, (c + 1) / 6D share,"
        + " if(c = 2, 0.01D, -0.005D) share_growth, c = 2 emerging from range(10) a(m) cross join range(3) b(c)"
        + " union all select 'other', 0, date'2030-01-01', 1L, 1D, 0D, false"));
    JsonNode trends = history("r", 10).path("trends");
    assertEquals("[\"2024-08-01\",\"2024-09-01\",\"2024-10-01\"]", trends.path("periods").toString());
    assertEquals(7, trends.path("periods_left_out").asInt());
    assertEquals(3, trends.path("clusters").size());
    JsonNode third = trends.path("clusters").get(2);
    assertEquals(2, third.path("cluster_id").asInt());
    assertTrue(third.path("emerging").asBoolean());
    assertEquals("[72,82,92]", third.path("documents").toString(), "months 7, 8, 9 of cluster 2");
    assertEquals(0.5, third.path("share").get(0).asDouble(), 1e-12);
    assertFalse(trends.path("clusters").get(0).path("emerging").asBoolean());

    JsonNode all = history("r", RunHistory.MAX_TREND_CELLS).path("trends");
    assertEquals(10, all.path("periods").size());
    assertEquals(0, all.path("periods_left_out").asInt());
  }

  @Test
  void withoutLineageOrMatchTheEarlierRunIsThePreviousFitOnTheSameInput() throws Exception {
    lake.put(LakeTables.RUNS, spark.sql("select * from values"
        + " ('r0', 'succeeded', timestamp'2024-01-01 00:00:00', 'in/a', cast(null as string), 100L),"
        + " ('r1', 'succeeded', timestamp'2024-01-02 00:00:00', 'in/b', cast(null as string), 100L),"
        + " ('rp', 'succeeded', timestamp'2024-01-03 00:00:00', 'in/a', 'r0', 20L),"
        + " ('rf', 'failed', timestamp'2024-01-04 00:00:00', 'in/a', cast(null as string), 0L),"
        + " ('r2', 'succeeded', timestamp'2024-01-05 00:00:00', 'in/a', cast(null as string), 120L),"
        + " ('r3', 'succeeded', timestamp'2024-01-06 00:00:00', 'in/a', cast(null as string), 130L)"
        + " as t(run_id, status, started_at, input, predicted_from_run, documents)"));
    lake.put(LakeTables.CLUSTERS, spark.sql("select 'r0' run_id, 0 cluster_id, 100L size, 1D share, 'all' name,"
        + " cast(null as string) matched_from_run union all select 'r2', 0, 120L, 1D, 'all', null"));
    JsonNode history = history("r2", 100);
    assertTrue(history.path("trends").isNull());
    assertTrue(history.path("lineage").isNull());
    assertEquals("r0", history.path("earlier").path("run").path("run_id").asText(),
        "not the other input's run, nor a predict, nor a failed run, nor a later one");
    assertFalse(history.path("earlier").path("matched").asBoolean());
    assertEquals(100, history.path("earlier").path("clusters").get(0).path("size").asInt());
    assertTrue(history("r0", 100).path("earlier").isNull(), "the first run has nothing to compare with");
  }

  @Test
  void aMatchedRunIsTheEarlierOneWhateverItsInput() throws Exception {
    lake.put(LakeTables.RUNS, spark.sql("select * from values"
        + " ('r0', 'succeeded', timestamp'2024-01-01 00:00:00', 'in/a', 100L),"
        + " ('r1', 'succeeded', timestamp'2024-01-02 00:00:00', 'in/b', 100L),"
        + " ('r2', 'succeeded', timestamp'2024-01-03 00:00:00', 'in/b', 120L)"
        + " as t(run_id, status, started_at, input, documents)"));
    lake.put(LakeTables.CLUSTERS, spark.sql("select 'r0' run_id, 0 cluster_id, 100L size, 'all' name,"
        + " cast(null as string) matched_from_run union all select 'r2', 0, 120L, 'all', 'r0'"));
    JsonNode earlier = history("r2", 100).path("earlier");
    assertEquals("r0", earlier.path("run").path("run_id").asText());
    assertTrue(earlier.path("matched").asBoolean());
    assertFalse(earlier.path("clusters").get(0).has("share"), "a column the clusters table lacks is left out");
  }
}
