package io.pushback.crash;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.testing.SignedRequests;
import java.net.http.HttpRequest;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * An endpoint with the {@code signature} method, created through the admin API of a {@link
 * ChildNode}.
 */
record SignedEndpoint(long id, String key, String secret) {
  private static final String SECRET = "crash-test-signing-secret-0123456789";

  /**
   * Creates partner {@code partner} and under it an endpoint running {@code saga} in {@code mode}
   * (sync, async).
   */
  static SignedEndpoint create(ChildNode node, String partner, String saga, String mode) {
    JsonNode endpoint = node.adminCalls().createSignatureEndpoint(partner, saga, mode, SECRET);
    return new SignedEndpoint(endpoint.get("id").asLong(), endpoint.get("key").asText(), SECRET);
  }

  /** A POST of {@code body} to this endpoint on {@code node}, signed with its secret. */
  HttpRequest signedPost(ChildNode node, String body) throws GeneralSecurityException {
    return SignedRequests.jsonPost(
        node.uri("/pushback/" + key), secret, body, Duration.ofSeconds(15));
  }

  /** The deliveries of this endpoint with {@code outcome}, newest first, at most 500. */
  JsonNode deliveries(ChildNode node, String outcome) throws Exception {
    return node.admin(
            "GET", "/endpoints/" + id + "/deliveries?outcome=" + outcome + "&limit=500", null, 200)
        .get("deliveries");
  }
}
