package io.textcluster.io;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files and folders of the lake (the HTML report, a run's model) written under a temporary name beside their final
 * place and renamed when complete, through Hadoop's FileSystem so it works on any URI. A reader never sees half a
 * file: a full disk or a killed process leaves only a hidden temporary name (leading '.', which Spark and
 * {@code PipelineModel.load} of the final path ignore), removed by the next attempt.
 */
public final class LakeFiles {
  private final Configuration hadoop;

  public LakeFiles(Configuration hadoop) {
    this.hadoop = hadoop;
  }

  /** The hidden temporary name of {@code target} for one attempt: {@code .<name>.attempt-<n>.tmp} beside it. */
  public static Path temporary(Path target, int attempt) {
    return new Path(target.getParent(), "." + target.getName() + ".attempt-" + attempt + ".tmp");
  }

  /** Where {@code target}'s earlier version waits while a new one replaces it. */
  public static Path previous(Path target, int attempt) {
    return new Path(target.getParent(), "." + target.getName() + ".before-attempt-" + attempt);
  }

  /** Writes {@code bytes} to a temporary file and renames it to {@code target}, replacing what was there. */
  public void writeAtomically(Path target, byte[] bytes) throws IOException {
    FileSystem fs = target.getFileSystem(hadoop);
    fs.mkdirs(target.getParent());
    Path temporary = temporary(target, 0);
    try {
      try (OutputStream out = fs.create(temporary, true)) {
        out.write(bytes);
      }
      if (fs.exists(target) && !fs.delete(target, false)) {
        throw new IOException("Cannot replace " + target);
      }
      if (!fs.rename(temporary, target)) {
        throw new IOException("Cannot rename " + temporary + " to " + target);
      }
    } finally {
      deleteQuietly(fs, temporary);
    }
  }

  /**
   * Moves the complete {@code temporary} into {@code target}; what {@code target} held moves aside to {@code previous}
   * so that {@link #restore} can put it back. Returns whether there was an earlier version.
   */
  public boolean replace(Path temporary, Path target, Path previous) throws IOException {
    FileSystem fs = target.getFileSystem(hadoop);
    fs.delete(previous, true);
    boolean hadEarlier = fs.exists(target);
    if (hadEarlier && !fs.rename(target, previous)) {
      throw new IOException("Cannot move " + target + " aside to " + previous);
    }
    if (!fs.rename(temporary, target)) {
      throw new IOException("Cannot rename " + temporary + " to " + target);
    }
    return hadEarlier;
  }

  /** Undoes {@link #replace}: removes the new {@code target} and puts {@code previous} back if there was one. */
  public void restore(Path target, Path previous) throws IOException {
    FileSystem fs = target.getFileSystem(hadoop);
    fs.delete(target, true);
    if (fs.exists(previous) && !fs.rename(previous, target)) {
      throw new IOException("Cannot put " + previous + " back at " + target);
    }
  }

  public void delete(Path path) throws IOException {
    path.getFileSystem(hadoop).delete(path, true);
  }

  /** Removes hidden leftovers of {@code target} from attempts a killed process could not clean up. */
  public void removeLeftovers(Path target) throws IOException {
    FileSystem fs = target.getFileSystem(hadoop);
    if (!fs.exists(target.getParent())) {
      return;
    }
    String prefix = "." + target.getName() + ".";
    for (var status : fs.listStatus(target.getParent())) {
      String name = status.getPath().getName();
      if (name.startsWith(prefix) && (name.endsWith(".tmp") || name.contains(".before-attempt-"))) {
        // An earlier version left aside by a killed attempt is the last good one: put it back rather than lose it.
        if (name.contains(".before-attempt-") && !fs.exists(target)) {
          fs.rename(status.getPath(), target);
        } else {
          fs.delete(status.getPath(), true);
        }
      }
    }
  }

  private static void deleteQuietly(FileSystem fs, Path path) {
    try {
      fs.delete(path, false);
    } catch (IOException ignored) {
      // Only a hidden temporary name is left behind; the next write removes it.
    }
  }
}
