package io.pushback.crash;

import io.pushback.saga.Saga;
import io.pushback.saga.SagaContext;

/**
 * Saga {@code count}: appends the delivery id to a file, one line per run, so a test can count
 * runs.
 */
final class CountSaga implements Saga {
  static final String NAME = "count";

  private final LineFile runs;

  CountSaga(LineFile runs) {
    this.runs = runs;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(SagaContext context) throws Exception {
    runs.append(String.valueOf(context.deliveryId()));
  }
}
