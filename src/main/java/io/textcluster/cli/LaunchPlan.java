package io.textcluster.cli;

import io.textcluster.config.InputConfig;
import io.textcluster.config.JobConfig;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The local launcher's question before it starts the driver (issue 20): is this a small run? {@code submit/local.sh}
 * runs this class in a short JVM of its own with the launcher's arguments and reads one word back.
 *
 * <p>Why it matters: on two cores, a 2,000-document run spent 50 of its 78 s of CPU compiling (JIT, C2 most of it,
 * largely Spark's own code generator, query parser and serialisers) and the rest partly in profiled C1 code, for a job
 * whose every loop is short. The quick compiler alone, with Spark SQL evaluating expressions without generated code,
 * took BBC News from 37-42 s to 28 s. A long run needs the optimising compiler for its hot loops, and the size of
 * its input is the one thing known before its JVM starts.
 *
 * <p>{@code small}: the command is {@code run}, and its input is local files (a file, a folder, or a glob) of at most
 * {@link #SMALL_BYTES} together. Anything else, or anything this cannot tell (a table, an object store, a config it
 * cannot read), is {@code large}: the run itself then reports a bad config as always.
 */
public final class LaunchPlan {
  public static final String SMALL = "small";
  public static final String LARGE = "large";
  /** About 50,000 documents of a news corpus; at 100,000 the quick compiler alone was already 7% slower. */
  static final long SMALL_BYTES = 32L << 20;

  private LaunchPlan() {}

  public static void main(String[] args) {
    System.out.println(of(args));
  }

  /** {@link #SMALL} or {@link #LARGE} for the launcher's arguments; never throws. */
  static String of(String... args) {
    try {
      ParseResult parsed = new CommandLine(new TextClusterCli()).parseArgs(args);
      if (!parsed.hasSubcommand()
          || !(parsed.subcommand().commandSpec().userObject() instanceof RunCommand run)) {
        return LARGE;
      }
      // A config elsewhere than on this machine would cost this question a remote read (and its credential
      // lookups) before every start: such a run is large.
      Path config = ConfigLocation.localPath(run.config);
      if (config == null) {
        return LARGE;
      }
      InputConfig input = JobConfig.load(config, run.overrides).input();
      if (input.table().isPresent() || input.paths().isEmpty()) {
        return LARGE;
      }
      long bytes = 0;
      for (String path : input.paths()) {
        bytes += localBytes(path);
        if (bytes > SMALL_BYTES) {
          return LARGE;
        }
      }
      return SMALL;
    } catch (RuntimeException | IOException | StackOverflowError e) {
      return LARGE;
    }
  }

  /** The bytes of the local files a path names (a file, a folder's files, a glob's matches); beyond any other. */
  static long localBytes(String location) throws IOException {
    Path path = local(location);
    if (path == null) {
      return Long.MAX_VALUE;
    }
    String text = path.toString();
    int glob = firstGlobCharacter(text);
    if (glob < 0) {
      return Files.exists(path) ? folderBytes(path) : 0;
    }
    // Walk from the last folder before the first glob character, as deep as the pattern has folders below it.
    Path base = Path.of(text.substring(0, text.lastIndexOf('/', glob) + 1));
    int depth = path.getNameCount() - base.getNameCount();
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + text);
    if (!Files.isDirectory(base)) {
      return 0;
    }
    long bytes = 0;
    try (Stream<Path> found = Files.walk(base, depth)) {
      for (Path match : (Iterable<Path>) found.filter(matcher::matches)::iterator) {
        bytes += folderBytes(match);
      }
    }
    return bytes;
  }

  private static long folderBytes(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return Files.size(path);
    }
    long bytes = 0;
    try (Stream<Path> files = Files.walk(path)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        bytes += Files.size(file);
      }
    }
    return bytes;
  }

  /** The local path of an input location (as {@link ConfigLocation#localPath}); null for any other file system. */
  private static Path local(String location) {
    try {
      Path path = ConfigLocation.localPath(location);
      return path == null ? null : path.toAbsolutePath();
    } catch (IllegalArgumentException e) {
      // A URI with a scheme that is not valid as one (a glob such as {a,b} after file:): not worth the guess.
      return null;
    }
  }

  private static int firstGlobCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      if ("*?[{".indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
