package io.pushback.delivery;

/**
 * The result of recording an accepted request: its delivery id, and whether it duplicated an
 * earlier delivery with the same idempotency key (then {@code id} and {@code outcome} are the
 * earlier one's, and nothing new was stored).
 */
public record Recorded(long id, boolean duplicate, Outcome outcome) {}
