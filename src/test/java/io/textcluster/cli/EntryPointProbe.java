package io.textcluster.cli;

/**
 * Runs {@link TextClusterCli#main} in a JVM of its own and says how it ended: "returned" or "threw: message". If main
 * calls System.exit, the JVM stops inside it and neither line is printed, which is what {@link EntryPointExitTest}
 * looks for.
 */
public final class EntryPointProbe {
  private EntryPointProbe() {}

  public static void main(String[] args) {
    try {
      TextClusterCli.main(args);
      System.out.println("probe: returned");
    } catch (RuntimeException e) {
      System.out.println("probe: threw: " + e.getMessage());
    }
  }
}
