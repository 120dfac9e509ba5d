package io.pushback.blackbox;

import static io.pushback.blackbox.Answers.assertAnswer;
import static io.pushback.blackbox.Answers.assertSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushback.app.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, item 4, without a proxy: HTTPS is required by the deployment and no proxy is trusted, so
 * forwarding headers are the client's own words and count for nothing.
 */
class DirectClientIT extends ProxyDeployment {
  @Override
  Map<String, String> settings() {
    return Map.of(Settings.REQUIRE_HTTPS, "true");
  }

  @Test
  void plainHttpIsForbiddenNeverRedirected() throws Exception {
    CreatedEndpoint endpoint = endpoint("");

    assertForbiddenAndRecorded(
        call(endpoint), endpoint, "127.0.0.1", "plain HTTP to an endpoint that requires");
  }

  @Test
  void forwardedHttpsFromAnUntrustedPeerIsIgnored() throws Exception {
    CreatedEndpoint endpoint = endpoint("");

    assertAnswer(send(call(endpoint).header("X-Forwarded-Proto", "https")), 403, FORBIDDEN);
    assertAnswer(send(call(endpoint).header("Forwarded", "proto=https")), 403, FORBIDDEN);
    assertAnswer(
        send(call(endpoint).header("Forwarded", "for=203.0.113.5;proto=https")), 403, FORBIDDEN);
    assertThat(recording.runsFor(endpoint.id())).isEmpty();
  }

  @Test
  void endpointThatDoesNotRequireHttpsOverridesTheDeployment() throws Exception {
    CreatedEndpoint endpoint = endpoint("\"requireHttps\":false");

    assertSuccess(send(call(endpoint)));
    assertThat(recording.runsFor(endpoint.id())).hasSize(1);
  }

  @Test
  void spoofedForwardedForNeitherPassesTheAllowlistNorReachesTheRecord() throws Exception {
    CreatedEndpoint endpoint =
        endpoint("\"requireHttps\":false,\"allowedNetworks\":[\"203.0.113.0/24\"]");

    assertForbiddenAndRecorded(
        call(endpoint).header("X-Forwarded-For", "203.0.113.5"),
        endpoint,
        "127.0.0.1",
        "client address 127.0.0.1 is not in the allowed networks");
  }

  @Test
  void allowlistAcceptsTheDirectPeersNetwork() throws Exception {
    CreatedEndpoint endpoint =
        endpoint("\"requireHttps\":false,\"allowedNetworks\":[\"127.0.0.0/8\",\"::1\"]");

    String delivery = assertSuccess(send(call(endpoint)));
    assertThat(recording.run(delivery)).isNotNull();
    assertThat(newestDelivery(endpoint).path("remoteAddress").asText()).isEqualTo("127.0.0.1");
  }
}
