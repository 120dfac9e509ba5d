package io.pushback.durable;

import io.pushback.saga.Saga;
import io.pushback.saga.SagaContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts its runs per event, the {@code event} member of the JSON body. Thread-safe. */
final class CountingSaga implements Saga {
  private final String name;
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();

  CountingSaga(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void run(SagaContext context) {
    runs.computeIfAbsent(
            String.valueOf(context.parameters().get("event")), e -> new AtomicInteger())
        .incrementAndGet();
    total.incrementAndGet();
  }

  /** How many times the saga ran for {@code event}. */
  int runs(String event) {
    AtomicInteger count = runs.get(event);
    return count == null ? 0 : count.get();
  }

  /** How many distinct events it ran for. */
  int events() {
    return runs.size();
  }

  int total() {
    return total.get();
  }
}
