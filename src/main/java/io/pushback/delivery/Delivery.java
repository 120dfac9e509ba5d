package io.pushback.delivery;

import io.pushback.auth.RequestHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One request that reached a known endpoint. Headers are stored with every credential redacted; the
 * body is kept up to a bound ({@code bodySize} is the size received).
 *
 * @param reason why it was rejected or failed, for operators only
 * @param status the HTTP status sent, once known
 * @param parameters the parsed parameters as JSON text, for a request that got that far
 * @param sagaResult what the saga recorded, as text
 */
public record Delivery(
    long id,
    long endpointId,
    OptionalLong siteId,
    Instant receivedAt,
    String remoteAddress,
    Outcome outcome,
    Optional<String> reason,
    Optional<Integer> status,
    List<RequestHeaders.Header> headers,
    Optional<String> contentType,
    byte[] body,
    long bodySize,
    Optional<String> parameters,
    Optional<String> sagaResult,
    int attempts,
    Optional<String> idempotencyKey) {
  public Delivery {
    Objects.requireNonNull(siteId, "siteId");
    headers = List.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }
}
