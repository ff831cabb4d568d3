package io.textcluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextClusterCliTest {
  @TempDir Path dir;

  private record Outcome(int exitCode, String out, String err) {}

  private Outcome execute(String... args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = TextClusterCli.execute(args);
      return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  @Test
  void helpExplainsEveryOption() {
    Outcome help = execute("run", "--help");
    assertEquals(0, help.exitCode());
    for (String option : new String[] {"--config", "--run-id", "--set", "conf/defaults.conf"}) {
      assertTrue(help.out().contains(option), help.out());
    }
    assertTrue(execute("--help").out().contains("run"));
  }

  @Test
  void badConfigFailsBeforeSparkWithExitCode2() throws Exception {
    Path config = dir.resolve("bad.conf");
    Files.writeString(config, "input { path = x.csv, text-columns = [body] }\ncluster.algoritm = kmeans\n");
    Outcome outcome = execute("run", "--config", config.toString());
    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.err().contains("Did you mean 'cluster.algorithm'"), outcome.err());
    assertTrue(!outcome.err().contains("\tat "), "no stack trace for a config error: " + outcome.err());
  }

  /**
   * An API-key variable named in the config but not set is a config error (exit 2) naming the key, the variable and
   * the fix; the input path does not exist either, so a run that got as far as Spark would fail differently (exit 1).
   */
  @Test
  void anUnsetApiKeyVariableFailsBeforeSparkWithExitCode2() throws Exception {
    String variable = "TEXTCLUSTER_TEST_KEY_THAT_IS_NOT_SET";
    String[][] cases = {
      {"features.embedding.api.key-env",
          "features { type = embedding, embedding { provider = api, api { base-url = \"http://127.0.0.1:9/v1\", "
              + "model = m, key-env = " + variable + " } } }\n"},
      {"describe.llm.api-key-env",
          "describe { naming = llm, llm { base-url = \"http://127.0.0.1:9/v1\", model = m, api-key-env = "
              + variable + " } }\n"}
    };
    for (String[] c : cases) {
      Path config = dir.resolve("keys.conf");
      Files.writeString(config, "input { path = x.csv, text-columns = [body] }\n" + c[1]);
      Outcome outcome = execute("run", "--config", config.toString());
      assertEquals(2, outcome.exitCode(), outcome.err());
      String err = outcome.err();
      assertTrue(err.startsWith("textcluster: configuration error: Config key '" + c[0] + "' names the environment "
          + "variable " + variable + ", which is not set."), err);
      assertTrue(err.contains("export " + variable + "=") && err.contains(c[0] + " = \"\""), err);
      assertTrue(!err.contains("\tat "), "no stack trace for a config error: " + err);
    }
  }

  @Test
  void missingConfigOptionIsAUsageError() {
    Outcome outcome = execute("run");
    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.err().contains("--config"), outcome.err());
  }

  @Test
  void badSetValueIsRejected() throws Exception {
    Path config = dir.resolve("ok.conf");
    Files.writeString(config, "input { path = x.csv, text-columns = [body] }\n");
    Outcome outcome = execute("run", "--config", config.toString(), "--set", "cluster.k=1");
    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.err().contains("'cluster.k'"), outcome.err());
  }

  /** Local mode's master and memory belong to submit/local.sh; the job takes what spark-submit or the cluster gives. */
  @Test
  void noMasterOrMemoryIsHardCodedInTheApplication() throws Exception {
    try (var sources = Files.walk(Path.of("src", "main", "java"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        String code = Files.readString(source);
        for (String forbidden : new String[] {".master(", "local[", "spark.driver.memory", "spark.executor.memory"}) {
          assertTrue(!code.contains(forbidden), source + " sets " + forbidden);
        }
      }
    }
    String launcher = Files.readString(Path.of("submit", "local.sh"));
    assertTrue(launcher.contains("-Dspark.master=") && launcher.contains("-Dspark.driver.memory="));
  }
}
