package io.pushback.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushback.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResolutionCacheTest {
  private static final Instant START = Instant.parse("2026-03-01T10:15:30Z");
  private static final PushbackPath PATH = new PushbackPath("key-one", Optional.empty());
  private static final PushbackPath SITE_PATH = new PushbackPath("key-one", Optional.of("main"));

  private final AtomicLong version = new AtomicLong(7);
  private final MutableClock clock = MutableClock.at(START);
  private final List<PushbackPath> loads = new ArrayList<>();
  private Optional<Instant> expires = Optional.empty();
  private boolean found = true;

  /** The store as the loader sees it: a fresh target per read, so a reload is a new object. */
  private Optional<ResolutionCache.Resolved> load(PushbackPath path) {
    loads.add(path);
    return found
        ? Optional.of(
            new ResolutionCache.Resolved(
                new DeliveryTarget(null, null, Optional.empty(), null), expires))
        : Optional.empty();
  }

  private ResolutionCache cache(int maxEntries) {
    return new ResolutionCache(version::get, maxEntries, clock);
  }

  @Test
  void secondRequestUnderTheSameVersionIsServedFromTheCache() {
    ResolutionCache cache = cache(10);

    DeliveryTarget first = cache.find(PATH, this::load).orElseThrow();
    DeliveryTarget second = cache.find(PATH, this::load).orElseThrow();

    assertThat(second).isSameAs(first);
    assertThat(loads).containsExactly(PATH);
  }

  @Test
  void aPathWithASiteIsCachedApartFromTheEndpointAlone() {
    ResolutionCache cache = cache(10);

    cache.find(PATH, this::load);
    cache.find(SITE_PATH, this::load);

    assertThat(loads).containsExactly(PATH, SITE_PATH);
  }

  @Test
  void aNewVersionReloadsOnTheNextRequest() {
    ResolutionCache cache = cache(10);
    DeliveryTarget before = cache.find(PATH, this::load).orElseThrow();

    version.incrementAndGet();
    DeliveryTarget after = cache.find(PATH, this::load).orElseThrow();

    assertThat(after).isNotSameAs(before);
    assertThat(loads).hasSize(2);
    assertThat(cache.find(PATH, this::load)).containsSame(after);
    assertThat(loads).hasSize(2);
  }

  @Test
  void whatNoLongerResolvesAfterAChangeIsNotFoundAndNotKept() {
    ResolutionCache cache = cache(10);
    cache.find(PATH, this::load);

    version.incrementAndGet();
    found = false;

    assertThat(cache.find(PATH, this::load)).isEmpty();
    assertThat(cache.find(PATH, this::load)).isEmpty();
    assertThat(cache.size()).isZero();
    assertThat(loads).hasSize(3);
  }

  @Test
  void anEntryIsReloadedWhenItsFirstCredentialExpires() {
    ResolutionCache cache = cache(10);
    expires = Optional.of(START.plus(Duration.ofMinutes(5)));
    DeliveryTarget overlapping = cache.find(PATH, this::load).orElseThrow();

    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    assertThat(cache.find(PATH, this::load)).containsSame(overlapping);

    expires = Optional.empty();
    clock.advance(Duration.ofMillis(1));
    DeliveryTarget afterOverlap = cache.find(PATH, this::load).orElseThrow();

    assertThat(afterOverlap).isNotSameAs(overlapping);
    assertThat(loads).hasSize(2);
    clock.advance(Duration.ofDays(365));
    assertThat(cache.find(PATH, this::load)).containsSame(afterOverlap);
  }

  @Test
  void theCacheNeverHoldsMoreThanItsBound() {
    ResolutionCache cache = cache(3);

    for (int i = 0; i < 10; i++) {
      cache.find(new PushbackPath("key-" + i, Optional.empty()), this::load);
      assertThat(cache.size()).isLessThanOrEqualTo(3);
    }
    assertThat(cache.size()).isPositive();
  }

  @Test
  void aLoadThatReadAnOlderVersionIsNotServedUnderTheNewOne() {
    AtomicLong raced = new AtomicLong(1);
    ResolutionCache cache = new ResolutionCache(raced::get, 10, clock);
    cache.find(PATH, this::load);
    raced.set(2);
    cache.find(SITE_PATH, this::load);

    raced.set(1);
    cache.find(PATH, this::load);
    raced.set(2);
    cache.find(PATH, this::load);

    assertThat(loads).containsExactly(PATH, SITE_PATH, PATH, PATH);
  }
}
