package io.pushback.worker;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How failed asynchronous deliveries are retried: up to {@code maxAttempts} runs in all, the wait
 * before run n+1 growing as {@code base * 2^(n-1)} up to {@code max}, with full jitter (a random
 * wait between half and all of it) so that failures of one moment do not retry in lockstep.
 * Immutable and thread-safe if the random source is.
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration max, DoubleSupplier random) {
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(random, "random");
  }

  /** Whether a delivery that has now failed {@code attempts} times may run again. */
  public boolean allowsAnotherAfter(int attempts) {
    return attempts < maxAttempts;
  }

  /** The wait after the {@code attempts}-th failed run. */
  public Duration delayAfter(int attempts) {
    int doublings = Math.min(Math.max(attempts - 1, 0), 30);
    long ceiling = Math.min(max.toMillis(), base.toMillis() << doublings);
    long jittered = (long) (ceiling * (0.5 + 0.5 * random.getAsDouble()));
    return Duration.ofMillis(Math.max(jittered, 1));
  }
}
