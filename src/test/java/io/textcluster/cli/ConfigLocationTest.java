package io.textcluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.InvalidConfigException;
import io.textcluster.config.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLocationTest {
  @Test
  void plainPathsAndFileUrisAreLocalFiles() {
    assertEquals(Path.of("conf/examples/bbc_news.conf"), ConfigLocation.localPath("conf/examples/bbc_news.conf"));
    assertEquals(Path.of("/etc/textcluster/job.conf"), ConfigLocation.localPath("/etc/textcluster/job.conf"));
    assertEquals(Path.of("/etc/textcluster/job.conf"), ConfigLocation.localPath("file:///etc/textcluster/job.conf"));
    // Databricks volumes are mounted on the driver.
    assertEquals(Path.of("/Volumes/main/jobs/conf/nightly.conf"),
        ConfigLocation.localPath("/Volumes/main/jobs/conf/nightly.conf"));
  }

  @Test
  void otherSchemesAreReadThroughHadoop() {
    assertNull(ConfigLocation.localPath("hdfs:///conf/job.conf"));
    assertNull(ConfigLocation.localPath("s3a://bucket/conf/job.conf"));
    assertNull(ConfigLocation.localPath("abfss://jobs@account.dfs.core.windows.net/job.conf"));
  }

  @Test
  void aFileUriIsReadAndRelativeInputsResolveBesideIt() throws Exception {
    Path dir = Files.createTempDirectory("config-location");
    Path conf = Files.writeString(dir.resolve("job.conf"), "input { path = data/corpus.csv, text-columns = [body] }\n");
    JobConfig config = ConfigLocation.load(conf.toUri().toString(), Map.of());
    assertEquals(List.of(dir.resolve("data/corpus.csv").toString()), config.input().paths());
  }

  @Test
  void relativeInputsOfARemoteConfigNameObjectsBesideIt() {
    JobConfig config = JobConfig.parse(
        "input { path = [\"data/a.csv\", \"./b/*.csv\", \"s3a://other/c.csv\"], text-columns = [body] }", "s3a://b/jobs/job.conf", "s3a://b/jobs",
        Map.of());
    assertEquals(List.of("s3a://b/jobs/data/a.csv", "s3a://b/jobs/b/*.csv", "s3a://other/c.csv"),
        config.input().paths());
  }

  @Test
  void aSchemeWithoutAFileSystemOrAMissingFileIsAConfigError() throws Exception {
    String noFs =
        assertThrows(InvalidConfigException.class, () -> ConfigLocation.load("nosuchfs://host/job.conf", Map.of()))
            .getMessage();
    assertTrue(noFs.contains("no file system for 'nosuchfs:'") && noFs.contains("hadoop-aws"), noFs);
    Path dir = Files.createTempDirectory("config-location");
    String missing =
        assertThrows(InvalidConfigException.class,
                () -> ConfigLocation.load(dir.resolve("nope.conf").toUri().toString(), Map.of()))
            .getMessage();
    assertTrue(missing.contains("does not exist"), missing);
  }
}
