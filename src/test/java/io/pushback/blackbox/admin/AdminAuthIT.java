package io.pushback.blackbox.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushback.testing.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Design §7: with an admin token set, every call needs {@code Authorization: Bearer <that token>};
 * anything else is 401 {@code {"error":"unauthorized"}}, before the API reveals whether a route or
 * a thing exists.
 */
final class AdminAuthIT {
  private static final String TOKEN = TestServer.ADMIN_TOKEN;

  private static TestServer server;
  private static AdminClient admin;
  private static String partner;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(List.of());
    admin = new AdminClient(server);
    partner = admin.newPartner();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /**
   * Ways of not presenting the admin token, each on several routes (a known one, an unknown thing,
   * no route).
   */
  static Stream<Arguments> refusedCalls() {
    List<Arguments> calls = new ArrayList<>();
    List<String> paths = List.of("/partners", "/sagas", "/endpoints/999999", "/no-such-route");
    for (String path : paths) {
      calls.add(call("no Authorization", path, b -> b));
      calls.add(
          call(
              "wrong token",
              path,
              b -> b.header("Authorization", "Bearer wrong-token-0123456789abcdef")));
      calls.add(
          call(
              "token with a character more",
              path,
              b -> b.header("Authorization", "Bearer " + TOKEN + "x")));
      calls.add(
          call(
              "token cut short",
              path,
              b -> b.header("Authorization", "Bearer " + TOKEN.substring(0, TOKEN.length() - 1))));
      calls.add(
          call(
              "Basic scheme with the token as password",
              path,
              b -> b.header("Authorization", PushbackSender.basic("admin", TOKEN))));
      calls.add(
          call(
              "Basic scheme with the token as credentials",
              path,
              b ->
                  b.header(
                      "Authorization",
                      "Basic " + Base64.getEncoder().encodeToString(TOKEN.getBytes(UTF_8)))));
      calls.add(
          call(
              "Basic scheme with the raw token",
              path,
              b -> b.header("Authorization", "Basic " + TOKEN)));
      calls.add(call("the bare token", path, b -> b.header("Authorization", TOKEN)));
      calls.add(call("empty bearer", path, b -> b.header("Authorization", "Bearer")));
    }
    return calls.stream();
  }

  private static Arguments call(
      String how, String path, UnaryOperator<HttpRequest.Builder> credentials) {
    return Arguments.of(how, path, credentials);
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("refusedCalls")
  void refusesCallsWithoutTheBearerToken(
      String how, String path, UnaryOperator<HttpRequest.Builder> credentials) throws Exception {
    AdminAnswer answer = admin.send(credentials.apply(admin.request(path)).GET().build());

    assertUnauthorized(answer);
  }

  static Stream<String> queryParameterNames() {
    return Stream.of("access_token", "token", "admin_token", "PUSHBACK_ADMIN_TOKEN");
  }

  @ParameterizedTest(name = "?{0}=<token>")
  @MethodSource("queryParameterNames")
  void refusesTheTokenInTheQueryString(String parameter) throws Exception {
    String query = "?" + parameter + "=" + URLEncoder.encode(TOKEN, UTF_8);

    assertUnauthorized(admin.send(admin.request("/partners" + query).GET().build()));
    assertUnauthorized(admin.send(admin.request("/partners/" + partner + query).GET().build()));
  }

  @Test
  void refusesWritesWithoutTheToken() throws Exception {
    String slug = AdminClient.unique("refused");
    AdminAnswer answer =
        admin.send(
            admin
                .request("/partners")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"slug\":\"" + slug + "\",\"name\":\"Refused\"}"))
                .build());

    assertUnauthorized(answer);
    AdminClient.assertNotFound(admin.get("/partners/" + slug));
  }

  @Test
  void acceptsTheBearerToken() throws Exception {
    AdminAnswer answer =
        admin.send(
            admin
                .request("/partners/" + partner)
                .header("Authorization", "Bearer " + TOKEN)
                .GET()
                .build());

    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    assertThat(answer.field("slug").asText()).isEqualTo(partner);
  }

  private static void assertUnauthorized(AdminAnswer answer) {
    assertThat(answer.status()).as("%s", answer).isEqualTo(401);
    assertThat(answer.json().size()).as("%s", answer).isEqualTo(1);
    assertThat(answer.error()).isEqualTo("unauthorized");
    assertThat(answer.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWithIgnoringCase("Bearer"));
    assertThat(answer.text()).doesNotContain(TOKEN);
  }
}
