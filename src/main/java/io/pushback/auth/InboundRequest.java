package io.pushback.auth;

import java.util.Objects;

/**
 * The servlet-free view of a request that verifiers read: method, path, headers, the raw body bytes
 * exactly as received, and the remote address. The body array is shared, not copied: nobody may
 * modify it.
 *
 * @param method the HTTP method
 * @param path the request URI path, undecoded
 * @param query the raw query string, or {@code ""}
 * @param headers every header line
 * @param body the raw body bytes, possibly empty, never null
 * @param remoteAddress the peer's address as the container reports it
 */
public record InboundRequest(
    String method,
    String path,
    String query,
    RequestHeaders headers,
    byte[] body,
    String remoteAddress) {
  public InboundRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
  }
}
