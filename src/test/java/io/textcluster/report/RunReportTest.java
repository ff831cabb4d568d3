package io.textcluster.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.textcluster.config.OutputConfig;
import io.textcluster.config.ReportConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.support.SparkTest;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's data from hand-made tables: absent columns tolerated, unknown ones passed on, sweeps read. */
@SparkTest
class RunReportTest {
  private final SparkSession spark;
  @TempDir Path lake;

  RunReportTest(SparkSession spark) {
    this.spark = spark;
  }

  private void table(String name, String sql) {
    spark.sql(sql).write().format("delta").save(lake.resolve(name).toString());
  }

  @Test
  void readsWhatExistsAndPassesNewClusterColumnsOn() throws Exception {
    table("runs", "select 'r1' run_id, 'succeeded' status, 10L documents, 'kmeans' algorithm, 2 k,"
        + " map('v_measure', 0.5D) metrics");
    table("clusters", "select 'r1' run_id, id cluster_id, 5L size, 'c' || id name,"
        + " array('sample <b>' || id) samples,"
        + " if(id = 0, array(1.0D, 0.0D), array(0.0D, 2.0D)) centre from range(2) t(id)");
    table("assignments", "select 'r1' run_id, cast(id as string) doc_id, cast(id % 2 as int) cluster_id,"
        + " if(id < 4, 'a', 'b') label, 0.1D * id map_x, 0.2D map_y,"
        + " if(id < 6, 1.0D * id, null) tsne_x, if(id < 6, 2.0D, null) tsne_y, 'text ' || id map_text from range(10) t(id)");
    table("sweeps", "select 'r1' run_id, cast(k as int) k, 100.0D / k inertia, 0.1D * k silhouette from range(2, 6) t(k)"
        + " union all select 'other' run_id, 9 k, 1.0D inertia, 1.0D silhouette");
    ReportConfig settings = new ReportConfig(true, 4, 100, 100, ReportConfig.TSNE);
    RunReport report = new RunReport(spark, new OutputConfig(lake.toString(), "delta", false), settings);
    JsonNode data = new ObjectMapper().readTree(report.dataJson("r1"));

    assertEquals("succeeded", data.path("run").path("status").asText());
    assertEquals("sample <b>1", data.path("clusters").get(1).path("samples").get(0).asText());
    assertEquals(4, data.path("points").path("n").asInt(), "report.map-points bounds the points read");
    assertEquals(4, data.path("points").path("text").size());
    assertEquals(4, data.path("points").path("layouts").path("tsne").path("x").size());
    assertTrue(data.path("points").path("layouts").path("pca").has("y"));
    assertFalse(data.path("points").path("layouts").has("umap"), "no umap columns, no umap layout");
    assertEquals("[0,1]", data.path("similarity").path("ids").toString());
    assertEquals(1.0, data.path("similarity").path("cosine").get(0).get(0).asDouble(), 1e-9);
    assertEquals(0.0, data.path("similarity").path("cosine").get(0).get(1).asDouble(), 1e-9, "orthogonal centres");
    assertFalse(data.path("clusters").get(0).has("centre"), "centres stay out of the page");
    assertEquals(4, data.path("contingency").size(), "2 labels x 2 clusters");
    assertEquals(4, data.path("sweeps").size(), "only this run's sweep rows");
    assertEquals("text 0", data.path("points").path("text").get(0).asText());

    String page = report.write("r1");
    assertTrue(java.nio.file.Files.readString(Path.of(page)).contains("sample \\u003cb\\u003e1"));
    TextClusterException missing = assertThrows(TextClusterException.class, () -> report.dataJson("nope"));
    assertTrue(missing.getMessage().contains("'nope'"), missing.getMessage());
    assertFalse(report.pathOf("r1").contains("//"));
  }
}
