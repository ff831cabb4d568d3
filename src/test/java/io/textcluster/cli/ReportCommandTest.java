package io.textcluster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The report subcommand's arguments; rebuilding a page from a lake is covered by ReportBrowserTest. */
class ReportCommandTest {
  private static String[] run(String... args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = TextClusterCli.execute(args);
      return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  @Test
  void helpNamesEveryOption() {
    String[] help = run("report", "--help");
    assertEquals("0", help[0]);
    for (String option : new String[] {"--run", "--config", "--lake", "--format"}) {
      assertTrue(help[1].contains(option), help[1]);
    }
    assertTrue(run("--help")[1].contains("report"));
  }

  @Test
  void whereTheTablesAreMustBeSaidOnceBeforeSparkStarts() {
    String[] neither = run("report", "--run", "x");
    assertEquals("2", neither[0]);
    assertTrue(neither[2].contains("--config FILE or --lake PATH"), neither[2]);
    String[] both = run("report", "--run", "x", "--lake", "l", "--config", "c.conf");
    assertEquals("2", both[0]);
    String[] format = run("report", "--run", "x", "--lake", "l", "--format", "orc");
    assertEquals("2", format[0]);
    assertTrue(format[2].contains("--format") && format[2].contains("orc"), format[2]);
  }
}
