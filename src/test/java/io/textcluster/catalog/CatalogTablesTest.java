package io.textcluster.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.support.ChildJvm;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * output.database registers the lake's tables in the session catalog, readable with SQL: tested against Spark's Hive
 * support with an embedded Derby metastore, in JVMs of their own (see {@link CatalogSession}).
 */
class CatalogTablesTest {
  @TempDir Path dir;

  private static Map<String, String> results(ChildJvm.Result result) {
    assertEquals(0, result.exitCode(), result.output());
    Map<String, String> values = new HashMap<>();
    for (String line : result.output().split("\n")) {
      if (line.startsWith("[catalog] ")) {
        String pair = line.substring("[catalog] ".length());
        values.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
    }
    return values;
  }

  private Map<String, String> session(String mode) throws Exception {
    return results(ChildJvm.run(dir, Map.of("derby.system.home", dir.toString()), CatalogSession.class.getName(),
        List.of(mode, dir.toString())));
  }

  @Test
  void tablesAreQueryableByNameAndAReRunDoesNotDuplicateRows() throws Exception {
    Map<String, String> jobs = session("jobs");
    assertEquals("90", jobs.get("first_r1"), jobs.toString());
    assertEquals("90", jobs.get("delta_r1"), jobs.toString());
    assertEquals("45", jobs.get("delta_r2"), jobs.toString());
    assertEquals("3", jobs.get("delta_clusters_r1"), jobs.toString());
    assertEquals("2", jobs.get("delta_runs"), jobs.toString());
    assertEquals("90", jobs.get("delta_joined"), jobs.toString());
    assertEquals("90", jobs.get("parquet_p1"), jobs.toString());
    assertEquals("45", jobs.get("parquet_p2"), jobs.toString());
    assertEquals("[[assignments], [clusters], [runs]]", jobs.get("tables"), jobs.toString());
    String conflict = jobs.get("conflict");
    assertTrue(conflict.contains("textcluster.") && conflict.contains("is registered at")
        && conflict.contains("output.database"), conflict);
    assertEquals("failed", jobs.get("conflict_run_status"));

    // A new JVM and session: the metastore kept the tables, with the same rows.
    Map<String, String> later = session("query");
    assertEquals("90", later.get("delta_r1"), later.toString());
    assertEquals("45", later.get("delta_r2"), later.toString());
    assertEquals("90", later.get("parquet_p1"), later.toString());
  }
}
