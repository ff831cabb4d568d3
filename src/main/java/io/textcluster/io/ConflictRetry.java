package io.textcluster.io;

import io.delta.exceptions.DeltaConcurrentModificationException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a Delta write that lost an optimistic-concurrency race to another writer (another run writing the same
 * lake). The retry re-reads the table state, so it is safe; other failures are not retried.
 */
public final class ConflictRetry {
  private static final Logger LOG = LoggerFactory.getLogger(ConflictRetry.class);
  private static final int ATTEMPTS = 8;
  private static final long FIRST_BACKOFF_MS = 200;

  private ConflictRetry() {}

  public static void run(String what, Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (DeltaConcurrentModificationException e) {
        if (attempt == ATTEMPTS) {
          throw new IllegalStateException(
              what + " kept conflicting with concurrent writers after " + ATTEMPTS + " attempts", e);
        }
        long backoff = FIRST_BACKOFF_MS << (attempt - 1);
        long sleep = backoff + ThreadLocalRandom.current().nextLong(backoff);
        LOG.warn("{}: concurrent write conflict ({}), retrying in {} ms", what, e.getClass().getSimpleName(), sleep);
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(what + " was interrupted", interrupted);
        }
      }
    }
  }
}
