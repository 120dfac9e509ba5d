package io.pushback.fuzz;

import io.pushback.saga.Saga;
import io.pushback.saga.SagaContext;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts its runs, whatever the delivery. Thread-safe. */
final class CountingSaga implements Saga {
  static final String NAME = "fuzz-count";

  private final AtomicInteger runs = new AtomicInteger();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(SagaContext context) {
    runs.incrementAndGet();
  }

  int runs() {
    return runs.get();
  }
}
