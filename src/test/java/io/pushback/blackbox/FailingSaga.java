package io.pushback.blackbox;

import io.pushback.saga.Saga;
import io.pushback.saga.SagaContext;

/**
 * A test saga, {@value #NAME}, that always throws with a message that must never reach the sender.
 */
final class FailingSaga implements Saga {
  static final String NAME = "failing";
  static final String INTERNAL_MESSAGE = "internal detail: ledger row 4711 locked";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(SagaContext context) {
    throw new IllegalStateException(INTERNAL_MESSAGE);
  }
}
