package io.pushback.scaleout;

import io.pushback.saga.Saga;
import io.pushback.saga.SagaContext;

/** Saga {@code exactly-once}: records each run in the {@link SagaLedger}, where a rerun shows. */
final class ExactlyOnceSaga implements Saga {
  static final String NAME = "exactly-once";

  private final SagaLedger ledger;

  ExactlyOnceSaga(SagaLedger ledger) {
    this.ledger = ledger;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(SagaContext context) throws Exception {
    ledger.recordRun(context.deliveryId());
  }
}
