package io.pushback.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What pushback paths resolved to, so that a request costs one read of the change count (see {@code
 * io.pushback.endpoint.ConfigVersion}) instead of the endpoint, site, partner and credential reads
 * and the building of a verifier. An entry is served only while the change count it was read under
 * is still the current one, which every node reads from the shared store on every request, so an
 * admin change made on any node is seen by the next request on every node; and only until the first
 * of its credentials expires. Only paths that resolved are kept, so their number is bounded by the
 * live endpoints and sites; a full cache is emptied rather than grown. Thread-safe.
 */
final class ResolutionCache {
  /** The default bound on entries. */
  static final int DEFAULT_MAX_ENTRIES = 10_000;

  /** A resolution, usable until {@code expires} (the first end of one of its credentials). */
  record Resolved(DeliveryTarget target, Optional<Instant> expires) {}

  private record Entry(long version, DeliveryTarget target, long validUntilMillis) {}

  private final LongSupplier configVersion;
  private final int maxEntries;
  private final Clock clock;
  private final ConcurrentHashMap<PushbackPath, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong version = new AtomicLong(Long.MIN_VALUE);

  /**
   * @param configVersion reads the store's current change count
   */
  ResolutionCache(LongSupplier configVersion, int maxEntries, Clock clock) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
    }
    this.configVersion = configVersion;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  /**
   * The target of {@code path}: cached when still current, else from {@code load}, which must read
   * the store after this call read the change count.
   */
  Optional<DeliveryTarget> find(
      PushbackPath path, Function<PushbackPath, Optional<Resolved>> load) {
    long current = configVersion.getAsLong();
    observe(current);
    Entry entry = entries.get(path);
    if (entry != null && entry.version() == current && clock.millis() < entry.validUntilMillis()) {
      return Optional.of(entry.target());
    }
    Optional<Resolved> resolved = load.apply(path);
    if (resolved.isEmpty()) {
      entries.remove(path);
      return Optional.empty();
    }
    if (current == version.get()) {
      if (entries.size() >= maxEntries) {
        entries.clear();
      }
      long validUntil = resolved.get().expires().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
      entries.put(path, new Entry(current, resolved.get().target(), validUntil));
    }
    return Optional.of(resolved.get().target());
  }

  /** How many paths are cached. */
  int size() {
    return entries.size();
  }

  /** Empties the cache when the change count moved past the one it holds. */
  private void observe(long current) {
    long seen = version.get();
    while (current > seen) {
      if (version.compareAndSet(seen, current)) {
        entries.clear();
        return;
      }
      seen = version.get();
    }
  }
}
