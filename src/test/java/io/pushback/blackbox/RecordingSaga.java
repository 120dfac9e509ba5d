package io.pushback.blackbox;

import io.pushback.saga.Saga;
import io.pushback.saga.SagaContext;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A test saga, {@value #NAME}, that keeps every context it ran with. Thread-safe. */
final class RecordingSaga implements Saga {
  static final String NAME = "recording";

  private final Queue<SagaContext> runs = new ConcurrentLinkedQueue<>();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(SagaContext context) {
    runs.add(context);
  }

  /** The contexts of the runs for endpoint {@code endpointId}, in order. */
  List<SagaContext> runsFor(long endpointId) {
    return runs.stream().filter(c -> c.endpoint().id() == endpointId).toList();
  }

  /** The context of the run for delivery {@code deliveryId}; fails if there was not exactly one. */
  SagaContext run(String deliveryId) {
    List<SagaContext> found =
        runs.stream().filter(c -> String.valueOf(c.deliveryId()).equals(deliveryId)).toList();
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one saga run for delivery " + deliveryId + " but found " + found.size());
    }
    return found.get(0);
  }
}
