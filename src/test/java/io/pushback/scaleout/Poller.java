package io.pushback.scaleout;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition by polling it against a deadline, never a fixed sleep. */
final class Poller {
  static final long PAUSE_MILLIS = 50;

  private Poller() {}

  /**
   * Returns once {@code condition} holds; fails naming {@code what} when it still does not after
   * {@code timeout}.
   */
  static void await(Duration timeout, String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "timed out after " + timeout.toMillis() + " ms waiting until " + what);
      }
      Thread.sleep(PAUSE_MILLIS);
    }
  }
}
