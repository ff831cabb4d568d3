package io.textcluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.InvalidConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigLocationTest {
  @Test
  void plainPathsAndFileUrisAreLocalFiles() {
    assertEquals(Path.of("conf/examples/bbc_news.conf"), ConfigLocation.localPath("conf/examples/bbc_news.conf"));
    assertEquals(Path.of("/etc/textcluster/job.conf"), ConfigLocation.localPath("/etc/textcluster/job.conf"));
    assertEquals(Path.of("/etc/textcluster/job.conf"), ConfigLocation.localPath("file:///etc/textcluster/job.conf"));
  }

  @Test
  void dbfsUrisAreReadThroughTheDatabricksMount() {
    assertEquals(Path.of("/dbfs/textcluster/conf/nightly.conf"),
        ConfigLocation.localPath("dbfs:/textcluster/conf/nightly.conf"));
  }

  @Test
  void remoteSchemesAreRefusedWithTheWaysThatWork() {
    String message =
        assertThrows(InvalidConfigException.class, () -> ConfigLocation.localPath("hdfs:///conf/job.conf"))
            .getMessage();
    assertTrue(message.contains("'hdfs:'") && message.contains("--files") && message.contains("ConfigMap"), message);
  }
}
