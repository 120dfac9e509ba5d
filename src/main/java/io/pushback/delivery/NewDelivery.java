package io.pushback.delivery;

import io.pushback.auth.RequestHeaders;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** A delivery about to be recorded; the store adds its id and receipt time. */
public record NewDelivery(
    long endpointId,
    OptionalLong siteId,
    String remoteAddress,
    Outcome outcome,
    Optional<String> reason,
    Optional<Integer> status,
    List<RequestHeaders.Header> redactedHeaders,
    Optional<String> contentType,
    byte[] body,
    long bodySize,
    Optional<String> parameters,
    Optional<String> idempotencyKey) {
  public NewDelivery {
    Objects.requireNonNull(siteId, "siteId");
    redactedHeaders = List.copyOf(redactedHeaders);
    Objects.requireNonNull(body, "body");
  }
}
