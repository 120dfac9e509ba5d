package io.pushback.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.testing.SignedRequests;
import java.net.http.HttpRequest;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * An async endpoint with the {@code signature} method, created through the admin API of one node
 * and served by every node of the cluster (they share the store).
 */
record AsyncEndpoint(long id, String key, String secret) {
  private static final String SECRET = "scaleout-signing-secret-0123456789";

  /** Creates partner {@code partner} and under it an async endpoint running {@code saga}. */
  static AsyncEndpoint create(NodeProcess node, String partner, String saga) {
    JsonNode endpoint = node.adminCalls().createSignatureEndpoint(partner, saga, "async", SECRET);
    return new AsyncEndpoint(endpoint.get("id").asLong(), endpoint.get("key").asText(), SECRET);
  }

  /** A POST of {@code body} to this endpoint on {@code node}, signed with its secret. */
  HttpRequest signedPost(NodeProcess node, String body) throws GeneralSecurityException {
    return SignedRequests.jsonPost(
        node.uri("/pushback/" + key), secret, body, Duration.ofSeconds(30));
  }
}
