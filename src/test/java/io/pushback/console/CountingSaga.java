package io.pushback.console;

import io.pushback.saga.Saga;
import io.pushback.saga.SagaContext;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts its runs and records the count as the saga result. Thread-safe. */
final class CountingSaga implements Saga {
  static final String NAME = "count";

  private final AtomicInteger runs = new AtomicInteger();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(SagaContext context) {
    context.recordResult("run " + runs.incrementAndGet());
  }

  int runs() {
    return runs.get();
  }
}
