package io.pushback.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushback.app.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No webhook route ever answers 3xx (issue 4, item 4): not for a trailing slash, a missing key, dot
 * segments or encoded slashes, and not for plain HTTP to an endpoint that requires HTTPS, which is
 * refused with 403. Spoken over a raw socket so that nothing normalizes the path on the way.
 */
class NoRedirectsIT extends ProxyDeployment {
  private static final List<String> METHODS = List.of("POST", "GET", "HEAD", "PUT", "OPTIONS");

  @Override
  Map<String, String> settings() {
    return Map.of(Settings.REQUIRE_HTTPS, "true");
  }

  Stream<Arguments> requests() throws Exception {
    String key = endpoint("").key();
    List<String> paths =
        List.of(
            "/pushback",
            "/pushback/",
            "/pushback//",
            "/pushback/" + key,
            "/pushback/" + key + "/",
            "/pushback/" + key + "?a=1",
            "/pushback/" + key + ";jsessionid=1",
            "/pushback/" + key + "/sites",
            "/pushback/" + key + "/sites/",
            "/pushback/" + key + "/sites/main",
            "/pushback/" + key + "/sites/main/",
            "/pushback//" + key,
            "/pushback/./" + key,
            "/pushback/x/../" + key,
            "/pushback/" + key + "/.",
            "/pushback/%2F" + key,
            "/pushback/" + key + "%2F",
            "/pushback/unknown-key",
            "/pushback/unknown-key/",
            "/pushback%2F" + key,
            "/");
    List<Arguments> requests = new ArrayList<>();
    for (String path : paths) {
      for (String method : METHODS) {
        requests.add(Arguments.of(method, path));
      }
    }
    return requests.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("requests")
  void webhookRoutesNeverRedirect(String method, String path) throws Exception {
    String answer =
        RawHttp.exchange(
            server.port(),
            method
                + " "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    int status = Integer.parseInt(answer.substring(9, 12));
    assertThat(status / 100).as(answer).isNotEqualTo(3).isLessThan(5);
    assertThat(answer.toLowerCase(Locale.ROOT)).doesNotContain("\r\nlocation:");
  }

  @Test
  void plainHttpToAnEndpointThatRequiresHttpsIsForbidden() throws Exception {
    CreatedEndpoint endpoint = endpoint("");
    String answer =
        RawHttp.exchange(
            server.port(),
            "POST "
                + endpoint.path()
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + endpoint.credential("token")
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 403 ").endsWith(FORBIDDEN);
  }
}
