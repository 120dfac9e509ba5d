package io.pushback.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushback.endpoint.StoreUnavailableException;
import io.pushback.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class PushbackMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PushbackMetrics metrics = new PushbackMetrics(registry);
  private final MutableClock clock = MutableClock.at(Instant.parse("2025-01-01T00:00:00Z"));

  @Test
  void asksForTheQueueDepthAtMostOncePerRefreshHoweverOftenItIsRead() {
    AtomicInteger queries = new AtomicInteger();
    metrics.queueDepth(() -> 10L * queries.incrementAndGet(), Duration.ofSeconds(5), clock);

    double first = depth();
    double again = depth();
    clock.advance(Duration.ofSeconds(4));
    double stillCached = depth();
    clock.advance(Duration.ofSeconds(1));
    double refreshed = depth();

    assertThat(first).isEqualTo(10.0);
    assertThat(again).isEqualTo(10.0);
    assertThat(stillCached).isEqualTo(10.0);
    assertThat(refreshed).isEqualTo(20.0);
    assertThat(queries).hasValue(2);
  }

  @Test
  void readsNaNWhileTheStoreCannotCountAndRecoversAfter() {
    AtomicInteger calls = new AtomicInteger();
    metrics.queueDepth(
        () -> {
          if (calls.incrementAndGet() == 1) {
            throw new StoreUnavailableException("locked", null);
          }
          return 3L;
        },
        Duration.ofSeconds(5),
        clock);

    double down = depth();
    clock.advance(Duration.ofSeconds(5));

    assertThat(down).isNaN();
    assertThat(depth()).isEqualTo(3.0);
  }

  @Test
  void countsDeliveriesPerEndpointAndOutcome() {
    metrics.delivery(7, "succeeded");
    metrics.delivery(7, "succeeded");
    metrics.delivery(8, "rejected");

    assertThat(
            registry
                .get(PushbackMetrics.DELIVERIES)
                .tags("endpoint", "7", "outcome", "succeeded")
                .counter()
                .count())
        .isEqualTo(2.0);
    assertThat(
            registry
                .get(PushbackMetrics.DELIVERIES)
                .tags("endpoint", "8", "outcome", "rejected")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  private double depth() {
    return registry.get(PushbackMetrics.QUEUE_DEPTH).gauge().value();
  }
}
