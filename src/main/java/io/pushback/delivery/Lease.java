package io.pushback.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * A node's claim on a pending delivery until {@code until}; another node may take it after that.
 */
public record Lease(String owner, Instant until) {
  public Lease {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(until, "until");
  }
}
