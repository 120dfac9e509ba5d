package io.pushback.saga;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the saga an endpoint names and reports how it ended; never throws for a saga's failure.
 * Thread-safe.
 */
public final class SagaRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SagaRunner.class);

  /** How a run ended. */
  public sealed interface Result {
    /** The saga returned; {@code recorded} is what it recorded. */
    record Succeeded(Optional<String> recorded) implements Result {}

    /** The saga threw or is not registered; {@code reason} is for operators only. */
    record Failed(String reason) implements Result {}
  }

  private final SagaRegistry registry;

  public SagaRunner(SagaRegistry registry) {
    this.registry = registry;
  }

  public Result run(SagaContext context) {
    String name = context.endpoint().saga();
    Optional<Saga> saga = registry.find(name);
    if (saga.isEmpty()) {
      return new Result.Failed("saga '" + name + "' is not registered");
    }
    try {
      saga.get().run(context);
      return new Result.Succeeded(context.result());
    } catch (Exception e) {
      LOG.warn("saga '{}' failed on delivery {}", name, context.deliveryId(), e);
      return new Result.Failed("saga '" + name + "' failed: " + e.getClass().getName());
    }
  }
}
