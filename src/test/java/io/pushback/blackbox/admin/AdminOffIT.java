package io.pushback.blackbox.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushback.app.Settings;
import io.pushback.app.SettingsLoader;
import io.pushback.testing.TestServer;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Design §7: the admin API is off unless {@code PUSHBACK_ADMIN_TOKEN} is set, and an empty value is
 * no value. Off means every route answers 404, whatever credentials come with the call.
 */
final class AdminOffIT {
  private static TestServer server;
  private static AdminClient admin;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of(Settings.ADMIN_TOKEN, ""), List.of());
    admin = new AdminClient(server);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Every route of the admin API table, plus the API root and a path that is no route. */
  static Stream<Arguments> routes() {
    String partner = "{\"slug\":\"acme\",\"name\":\"Acme Lending\"}";
    String endpoint =
        "{\"name\":\"loan-status\",\"saga\":\"log\",\"security\":{\"method\":\"bearer\"}}";
    return Stream.of(
        Arguments.of("POST", "/partners", partner),
        Arguments.of("GET", "/partners", null),
        Arguments.of("GET", "/partners/acme", null),
        Arguments.of(
            "POST", "/partners/acme/sites", "{\"slug\":\"main\",\"name\":\"Main branch\"}"),
        Arguments.of("GET", "/partners/acme/sites", null),
        Arguments.of("POST", "/partners/acme/endpoints", endpoint),
        Arguments.of("POST", "/partners/acme/sites/main/endpoints", endpoint),
        Arguments.of("GET", "/endpoints/1", null),
        Arguments.of("PATCH", "/endpoints/1", "{\"enabled\":false}"),
        Arguments.of("DELETE", "/endpoints/1", null),
        Arguments.of("POST", "/endpoints/1/credentials", null),
        Arguments.of("GET", "/endpoints/1/deliveries?outcome=rejected&limit=1", null),
        Arguments.of("GET", "/deliveries/1", null),
        Arguments.of("GET", "/sagas", null),
        Arguments.of("GET", "", null),
        Arguments.of("GET", "/no-such-route", null));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("routes")
  void everyRouteAnswersNotFoundWithTheTestToken(String method, String path, String body)
      throws Exception {
    AdminClient.assertNotFound(admin.call(method, path, body));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("routes")
  void everyRouteAnswersNotFoundWithoutCredentials(String method, String path, String body)
      throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    AdminAnswer answer =
        admin.send(
            admin
                .request(path)
                .header("Content-Type", "application/json")
                .method(method, publisher)
                .build());

    AdminClient.assertNotFound(answer);
    assertThat(answer.headers().firstValue("WWW-Authenticate")).isEmpty();
  }

  @Test
  void emptyAdminTokenLoadsAsUnset() {
    Settings settings = new SettingsLoader(List.of(Map.of(Settings.ADMIN_TOKEN, "")::get)).load();

    assertThat(settings.adminToken()).isEmpty();
  }

  @Test
  void anEmptyBearerTokenDoesNotOpenIt() throws Exception {
    AdminAnswer answer =
        admin.send(admin.request("/partners").header("Authorization", "Bearer ").GET().build());

    AdminClient.assertNotFound(answer);
  }

  @Test
  void healthStillAnswers() throws Exception {
    assertThat(server.send(HttpRequest.newBuilder(server.uri("/health")).build()).statusCode())
        .isEqualTo(200);
  }
}
