package io.pushback.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A count that is costly to take (a store query), taken again only once its last value is older
 * than {@code refresh}. When taking it fails the gauge reads NaN until it succeeds again.
 * Thread-safe.
 */
final class CachedCount {
  private static final Logger LOG = LoggerFactory.getLogger(CachedCount.class);

  private final LongSupplier source;
  private final long refreshMillis;
  private final Clock clock;
  private long takenAt;
  private double value = Double.NaN;
  private boolean taken;

  CachedCount(LongSupplier source, Duration refresh, Clock clock) {
    this.source = source;
    this.refreshMillis = refresh.toMillis();
    this.clock = clock;
  }

  synchronized double value() {
    long now = clock.millis();
    if (!taken || now - takenAt >= refreshMillis) {
      taken = true;
      takenAt = now;
      try {
        value = source.getAsLong();
      } catch (RuntimeException e) {
        LOG.debug("cannot count pending deliveries: {}", e.toString());
        value = Double.NaN;
      }
    }
    return value;
  }
}
