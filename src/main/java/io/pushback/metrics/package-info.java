/**
 * Pushback's own meters, recorded into an injected Micrometer {@code MeterRegistry}: deliveries by
 * endpoint and outcome, verification time, saga time and queue depth. Depends on Micrometer only.
 */
package io.pushback.metrics;
