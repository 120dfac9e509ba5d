package io.pushback.container;

import java.net.URI;

/** A running Pushback, wherever it runs: its base URL, its admin token, and how to stop it. */
interface PushbackContainer {
  /** The root URL, e.g. {@code http://127.0.0.1:41234}; Pushback is at the root context. */
  URI root();

  /** The bearer token the admin API was started with. */
  String adminToken();

  /** What to add to a failure message: the tail of the container's log, or nothing. */
  String diagnostics();

  /** Stops the container; waits until it has. */
  void stop() throws InterruptedException;
}
