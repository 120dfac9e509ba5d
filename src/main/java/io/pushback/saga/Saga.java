package io.pushback.saga;

/**
 * A named workflow run for each accepted delivery of the endpoints that name it. Register one in
 * code with {@link SagaRegistry.Builder#register}, or list it in {@code
 * META-INF/services/io.pushback.saga.Saga} of a jar on the application's class path (it then needs
 * a public no-argument constructor).
 *
 * <p>Implementations must be thread-safe: one instance runs many deliveries at once. A run succeeds
 * by returning and fails by throwing; the exception is recorded on the delivery for operators and
 * never shown to the sender.
 */
public interface Saga {
  /** The name endpoints use to select this saga: non-blank, unique within the registry. */
  String name();

  /** Runs this saga for one delivery. */
  void run(SagaContext context) throws Exception;
}
