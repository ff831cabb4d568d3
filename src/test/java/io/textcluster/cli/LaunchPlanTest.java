package io.textcluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.textcluster.support.SmallCorpus;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local launcher's small-run question (issue 20): local input files up to 32 MiB make a small run; anything larger,
 * remote, a table, another command or an unreadable config is large, and never an error.
 */
class LaunchPlanTest {
  @TempDir Path dir;

  private Path config(String inputPath) throws Exception {
    return Files.writeString(dir.resolve("job.conf"),
        SmallCorpus.config(Path.of(inputPath), dir.resolve("lake"), 3));
  }

  private static void sized(Path file, long bytes) throws Exception {
    Files.createDirectories(file.getParent());
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(bytes);
    }
  }

  @Test
  void aSmallLocalFileIsASmallRun() throws Exception {
    Path csv = SmallCorpus.write(dir.resolve("c.csv"), 40, 3);
    assertEquals(LaunchPlan.SMALL, LaunchPlan.of("run", "--config", config(csv.toString()).toString()));
    // The launcher's arguments as the user gives them: options after the config are parsed too.
    assertEquals(LaunchPlan.SMALL, LaunchPlan.of("run", "--config", config(csv.toString()).toString(),
        "--run-id", "demo", "--set", "cluster.k=4"));
  }

  @Test
  void globsAndFoldersAddUpTheirFiles() throws Exception {
    sized(dir.resolve("parts/a/part-1.csv"), 20L << 20);
    sized(dir.resolve("parts/b/part-2.csv"), 20L << 20);
    sized(dir.resolve("parts/b/notes.txt"), 1);
    Path conf = config(dir.resolve("parts/a").toString());
    assertEquals(LaunchPlan.SMALL, LaunchPlan.of("run", "--config", conf.toString()));
    assertEquals(LaunchPlan.LARGE, LaunchPlan.of("run", "--config", conf.toString(),
        "--set", "input.path=" + dir.resolve("parts/*/part-*.csv")));
    assertEquals(LaunchPlan.LARGE, LaunchPlan.of("run", "--config", conf.toString(),
        "--set", "input.path=" + dir.resolve("parts")));
    assertEquals(LaunchPlan.SMALL, LaunchPlan.of("run", "--config", conf.toString(),
        "--set", "input.path=" + dir.resolve("parts/b/*.txt")));
  }

  @Test
  void remoteInputOtherCommandsAndBadArgumentsAreLarge() throws Exception {
    Path csv = SmallCorpus.write(dir.resolve("c.csv"), 40, 3);
    Path conf = config(csv.toString());
    assertEquals(LaunchPlan.LARGE, LaunchPlan.of("run", "--config", conf.toString(),
        "--set", "input.path=s3a://bucket/corpus/*.csv"));
    // A config on an object store is not read at all: no remote I/O before every start.
    assertEquals(LaunchPlan.LARGE, LaunchPlan.of("run", "--config", "s3a://bucket/jobs/job.conf"));
    assertEquals(LaunchPlan.LARGE, LaunchPlan.of("predict", "--run", "r1", "--lake", dir.toString(),
        "--input", csv.toString()));
    assertEquals(LaunchPlan.LARGE, LaunchPlan.of("run", "--config", dir.resolve("missing.conf").toString()));
    assertEquals(LaunchPlan.LARGE, LaunchPlan.of("run", "--no-such-option"));
    assertEquals(LaunchPlan.LARGE, LaunchPlan.of());
  }
}
