/**
 * Running sagas for stored deliveries: {@link io.pushback.worker.SagaExecution} runs one delivery's
 * saga (step by step for a {@link io.pushback.saga.StepSaga}) and records how it ended, for the
 * sync path and the workers alike; {@link io.pushback.worker.DeliveryWorker} claims due deliveries
 * under a lease and retries failures with backoff.
 */
package io.pushback.worker;
