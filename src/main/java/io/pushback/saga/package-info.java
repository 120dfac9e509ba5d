/**
 * Sagas: the named in-process workflows an endpoint triggers. {@link io.pushback.saga.Saga} is the
 * service provider interface, {@link io.pushback.saga.SagaContext} what a run receives, {@link
 * io.pushback.saga.SagaRegistry} the immutable set of registered sagas, and {@link
 * io.pushback.saga.LogSaga} the built-in {@code log}.
 */
package io.pushback.saga;
