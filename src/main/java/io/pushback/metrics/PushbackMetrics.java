package io.pushback.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Pushback's meters, by their public names:
 *
 * <ul>
 *   <li>{@value #DELIVERIES}, a counter per delivery outcome, tagged {@code endpoint} (the
 *       endpoint's id) and {@code outcome} ({@code rejected}, {@code pending} for a run that will
 *       be retried, {@code succeeded}, {@code failed}, {@code dead});
 *   <li>{@value #VERIFICATION}, a timer of credential checks, tagged {@code result} ({@code
 *       accepted} or {@code rejected});
 *   <li>{@value #SAGA}, a timer of saga runs, tagged {@code saga} and {@code result} ({@code
 *       succeeded}, {@code retrying}, {@code failed}, {@code interrupted});
 *   <li>{@value #QUEUE_DEPTH}, a gauge of the deliveries pending in the store.
 * </ul>
 *
 * Thread-safe.
 */
public final class PushbackMetrics {
  public static final String DELIVERIES = "pushback.deliveries";
  public static final String VERIFICATION = "pushback.verification";
  public static final String SAGA = "pushback.saga";
  public static final String QUEUE_DEPTH = "pushback.queue.depth";

  private final MeterRegistry registry;

  public PushbackMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** Counts one delivery outcome of endpoint {@code endpointId}. */
  public void delivery(long endpointId, String outcome) {
    Counter.builder(DELIVERIES)
        .description("Delivery outcomes by endpoint")
        .tag("endpoint", Long.toString(endpointId))
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /** Records a credential check that took {@code nanos} and ended {@code accepted} or not. */
  public void verification(long nanos, boolean accepted) {
    Timer.builder(VERIFICATION)
        .description("Time to check a request's credential")
        .tag("result", accepted ? "accepted" : "rejected")
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Records a run of saga {@code saga} that took {@code nanos} and ended with {@code result}. */
  public void saga(String saga, String result, long nanos) {
    Timer.builder(SAGA)
        .description("Time to run a saga")
        .tag("saga", saga)
        .tag("result", result)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Registers the queue-depth gauge over {@code pending}, which may query the store: it is asked at
   * most once per {@code refresh}, however often the gauge is read.
   */
  public void queueDepth(LongSupplier pending, Duration refresh, Clock clock) {
    CachedCount cached = new CachedCount(pending, refresh, clock);
    Gauge.builder(QUEUE_DEPTH, cached, CachedCount::value)
        .description("Deliveries pending in the store (all nodes)")
        // Nothing else holds the cache: a weak reference (the default) would read NaN after a GC.
        .strongReference(true)
        .register(registry);
  }
}
