package io.textcluster.store;

import io.textcluster.cli.TextClusterCli;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs several textcluster command lines one after another in this JVM, exactly as the launcher's main does for one
 * (each command gets and stops its own Spark session), and prints {@code [cli-sequence] exit N: ARGS} after each.
 * Command lines are separated by the argument {@code ::}. Used by tests that run the real CLI in a child JVM.
 */
public final class CliSequence {
  public static final String SEPARATOR = "::";
  public static final String MARK = "[cli-sequence] exit ";

  private CliSequence() {}

  public static void main(String[] args) {
    List<List<String>> commands = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals(SEPARATOR)) {
        commands.add(current);
        current = new ArrayList<>();
      } else {
        current.add(arg);
      }
    }
    commands.add(current);
    int worst = 0;
    for (List<String> command : commands) {
      int code = TextClusterCli.execute(command.toArray(String[]::new));
      System.out.println(MARK + code + ": " + String.join(" ", command));
      System.out.flush();
      worst = Math.max(worst, code);
    }
    System.exit(worst);
  }

  /** Joins command lines into one argument list for {@link #main}. */
  public static List<String> arguments(List<List<String>> commands) {
    List<String> args = new ArrayList<>();
    for (List<String> command : commands) {
      if (!args.isEmpty()) {
        args.add(SEPARATOR);
      }
      args.addAll(command);
    }
    return args;
  }

  /** The exit code the child printed for the command line that starts with {@code prefix}. */
  public static int exitCode(String output, String... prefix) {
    String wanted = String.join(" ", Arrays.asList(prefix));
    for (String line : output.split("\n")) {
      if (line.startsWith(MARK) && line.substring(line.indexOf(": ") + 2).startsWith(wanted)) {
        return Integer.parseInt(line.substring(MARK.length(), line.indexOf(':')));
      }
    }
    throw new AssertionError("no exit code for '" + wanted + "' in:\n" + output);
  }
}
