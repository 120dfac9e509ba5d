package io.pushback.durable;

import io.pushback.saga.Saga;
import io.pushback.saga.SagaContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fails the first {@code failures} runs of every delivery and succeeds after that, or from the
 * moment it is {@link #heal healed}. Counts runs per delivery. Thread-safe.
 */
final class FailingSaga implements Saga {
  private final String name;
  private final int failures;
  private final Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
  private volatile boolean healed;

  FailingSaga(String name, int failures) {
    this.name = name;
    this.failures = failures;
  }

  /** A saga that fails every run until healed. */
  static FailingSaga always(String name) {
    return new FailingSaga(name, Integer.MAX_VALUE);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void run(SagaContext context) {
    int run =
        runs.computeIfAbsent(context.deliveryId(), id -> new AtomicInteger()).incrementAndGet();
    if (!healed && run <= failures) {
      throw new IllegalStateException("planned failure of run " + run);
    }
  }

  /** Every later run succeeds. */
  void heal() {
    healed = true;
  }

  /** How many times the saga ran for delivery {@code id}. */
  int runs(long id) {
    AtomicInteger count = runs.get(id);
    return count == null ? 0 : count.get();
  }
}
