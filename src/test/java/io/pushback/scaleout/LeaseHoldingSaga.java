package io.pushback.scaleout;

import io.pushback.saga.Saga;
import io.pushback.saga.SagaContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Saga {@code lease-holding}: records that a run starts, then, on a node given a hold marker, waits
 * for as long as that file exists, so the node keeps the delivery leased; then records the run like
 * {@link ExactlyOnceSaga}. A node given no marker completes at once.
 */
final class LeaseHoldingSaga implements Saga {
  static final String NAME = "lease-holding";

  private static final long PAUSE_MILLIS = 50;

  private final SagaLedger ledger;
  private final Optional<Path> holdMarker;

  LeaseHoldingSaga(SagaLedger ledger, Optional<Path> holdMarker) {
    this.ledger = ledger;
    this.holdMarker = holdMarker;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(SagaContext context) throws Exception {
    ledger.recordStart(context.deliveryId());
    while (holdMarker.isPresent() && Files.exists(holdMarker.get())) {
      Thread.sleep(PAUSE_MILLIS);
    }
    ledger.recordRun(context.deliveryId());
  }
}
