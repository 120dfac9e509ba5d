package io.pushback.blackbox;

import static io.pushback.blackbox.Answers.assertAnswer;
import static io.pushback.blackbox.Answers.assertSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushback.app.Settings;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, item 4, behind a proxy: 127.0.0.1 (the test client) and 10.0.0.0/8 are trusted, so their
 * forwarding headers name the client and its scheme; the deployment does not require HTTPS.
 */
class TrustedProxyIT extends ProxyDeployment {
  @Override
  Map<String, String> settings() {
    return Map.of(Settings.TRUSTED_PROXIES, "10.0.0.0/8, 127.0.0.1");
  }

  @Test
  void endpointRequiringHttpsOverridesTheDeployment() throws Exception {
    CreatedEndpoint endpoint = endpoint("\"requireHttps\":true");

    assertForbiddenAndRecorded(
        call(endpoint), endpoint, "127.0.0.1", "plain HTTP to an endpoint that requires");
    assertAnswer(send(call(endpoint).header("X-Forwarded-Proto", "http")), 403, FORBIDDEN);
  }

  @Test
  void endpointFollowingTheDeploymentAcceptsPlainHttp() throws Exception {
    assertSuccess(send(call(endpoint(""))));
  }

  @Test
  void trustedProxysXForwardedProtoHttpsIsAccepted() throws Exception {
    CreatedEndpoint endpoint = endpoint("\"requireHttps\":true");

    String delivery =
        assertSuccess(
            send(
                call(endpoint)
                    .header("X-Forwarded-Proto", "https")
                    .header("X-Forwarded-For", "198.51.100.20")));
    assertThat(recording.run(delivery)).isNotNull();
    assertThat(newestDelivery(endpoint).path("remoteAddress").asText()).isEqualTo("198.51.100.20");
  }

  @Test
  void trustedProxysForwardedProtoHttpsIsAccepted() throws Exception {
    CreatedEndpoint endpoint = endpoint("\"requireHttps\":true");

    assertSuccess(send(call(endpoint).header("Forwarded", "proto=https")));
    assertSuccess(
        send(call(endpoint).header("Forwarded", "for=198.51.100.20;proto=https;by=127.0.0.1")));
    assertThat(recording.runsFor(endpoint.id())).hasSize(2);
  }

  @Test
  void allowlistChecksTheForwardedIpv4Client() throws Exception {
    CreatedEndpoint endpoint =
        endpoint("\"allowedNetworks\":[\"203.0.113.0/24\",\"2001:db8::/32\"]");

    String delivery = assertSuccess(send(call(endpoint).header("X-Forwarded-For", "203.0.113.5")));
    assertThat(recording.run(delivery)).isNotNull();
    assertThat(newestDelivery(endpoint).path("remoteAddress").asText()).isEqualTo("203.0.113.5");

    assertForbiddenAndRecorded(
        call(endpoint).header("X-Forwarded-For", "198.51.100.7"),
        endpoint,
        "198.51.100.7",
        "client address 198.51.100.7 is not in the allowed networks");
  }

  @Test
  void allowlistChecksTheForwardedIpv6Client() throws Exception {
    CreatedEndpoint endpoint = endpoint("\"allowedNetworks\":[\"2001:db8::/32\"]");

    assertSuccess(send(call(endpoint).header("Forwarded", "for=\"[2001:DB8::1]:4711\"")));
    assertThat(newestDelivery(endpoint).path("remoteAddress").asText()).isEqualTo("2001:db8::1");

    assertForbiddenAndRecorded(
        call(endpoint).header("Forwarded", "for=\"[2001:db9::1]\""),
        endpoint,
        "2001:db9::1",
        "not in the allowed networks");
  }

  @Test
  void clientIsTheFirstUntrustedAddressFromTheRight() throws Exception {
    CreatedEndpoint endpoint = endpoint("\"allowedNetworks\":[\"203.0.113.0/24\"]");

    // 198.51.100.66 is what the client claimed; 10.0.0.3 is a trusted inner proxy.
    assertSuccess(
        send(
            call(endpoint)
                .header("X-Forwarded-For", "198.51.100.66, 203.0.113.5")
                .header("X-Forwarded-For", "10.0.0.3")));
    assertThat(newestDelivery(endpoint).path("remoteAddress").asText()).isEqualTo("203.0.113.5");

    assertAnswer(
        send(call(endpoint).header("X-Forwarded-For", "203.0.113.5, 198.51.100.66")),
        403,
        FORBIDDEN);
  }

  @Test
  void withoutForwardingHeadersTheProxyItselfIsTheClient() throws Exception {
    CreatedEndpoint endpoint = endpoint("\"allowedNetworks\":[\"203.0.113.0/24\"]");

    assertForbiddenAndRecorded(
        call(endpoint), endpoint, "127.0.0.1", "not in the allowed networks");
  }

  @Test
  void malformedForwardingHeadersFromATrustedProxyAreABadRequest() throws Exception {
    CreatedEndpoint endpoint = endpoint("");

    for (PushbackCall call :
        List.of(
            call(endpoint).header("X-Forwarded-For", "proxy.example.com"),
            call(endpoint).header("Forwarded", "for=\"[2001:db8::1]"),
            call(endpoint)
                .header("Forwarded", "for=203.0.113.5")
                .header("X-Forwarded-For", "203.0.113.5"))) {
      HttpResponse<String> response = send(call);
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(Answers.json(response).path("error").asText()).isEqualTo("bad_request");
      assertThat(response.body()).doesNotContain("proxy.example.com");
    }
    assertThat(recording.runsFor(endpoint.id())).isEmpty();
  }
}
