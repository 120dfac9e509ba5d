package io.pushback.blackbox.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.pushback.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Calls the admin API v1 over the real port of a {@link TestServer} and checks what every answer
 * owes its client: a body, when there is one, is JSON ({@code application/json}). Thread-safe.
 */
final class AdminClient {
  static final String PREFIX = "/admin/api/v1";

  private final TestServer server;
  private final ObjectMapper json = new ObjectMapper();

  AdminClient(TestServer server) {
    this.server = server;
  }

  /** A slug no other test uses: {@code prefix}, a dash and 12 random hex digits. */
  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** A call with the admin token; {@code body} may be null. */
  AdminAnswer call(String method, String path, String body)
      throws IOException, InterruptedException {
    return read(server.admin(method, path, body));
  }

  AdminAnswer get(String path) throws IOException, InterruptedException {
    return call("GET", path, null);
  }

  AdminAnswer post(String path, String body) throws IOException, InterruptedException {
    return call("POST", path, body);
  }

  AdminAnswer patch(String path, String body) throws IOException, InterruptedException {
    return call("PATCH", path, body);
  }

  AdminAnswer delete(String path) throws IOException, InterruptedException {
    return call("DELETE", path, null);
  }

  /** Sends {@code request} as built by the caller (any credentials, any path). */
  AdminAnswer send(HttpRequest request) throws IOException, InterruptedException {
    return read(server.send(request));
  }

  /** A request builder for {@code path} under the admin API, without credentials. */
  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(server.uri(PREFIX + path));
  }

  /** A POST that must answer 201; its body. */
  JsonNode created(String path, String body) throws IOException, InterruptedException {
    AdminAnswer answer = post(path, body);
    assertThat(answer.status()).as("POST %s %s -> %s", path, body, answer).isEqualTo(201);
    return answer.json();
  }

  /** A GET that must answer 200; its body. */
  JsonNode ok(String path) throws IOException, InterruptedException {
    AdminAnswer answer = get(path);
    assertThat(answer.status()).as("GET %s -> %s", path, answer).isEqualTo(200);
    return answer.json();
  }

  /** Creates a partner with a fresh slug and answers the slug. */
  String newPartner() throws IOException, InterruptedException {
    String slug = unique("partner");
    created("/partners", "{\"slug\":\"" + slug + "\",\"name\":\"Partner " + slug + "\"}");
    return slug;
  }

  /** Creates a site with a fresh slug under {@code partner} and answers the slug. */
  String newSite(String partner) throws IOException, InterruptedException {
    String slug = unique("site");
    created(
        "/partners/" + partner + "/sites",
        "{\"slug\":\"" + slug + "\",\"name\":\"Site " + slug + "\"}");
    return slug;
  }

  /**
   * Creates an endpoint under {@code owner} ({@code p} or {@code p/sites/s}) and answers the
   * creating answer.
   */
  JsonNode newEndpoint(String owner, String name, String security)
      throws IOException, InterruptedException {
    return created(
        "/partners/" + owner + "/endpoints",
        "{\"name\":\"" + name + "\",\"saga\":\"log\",\"security\":" + security + "}");
  }

  /**
   * Asserts a 400 whose message names {@code field} (a whole field path such as {@code
   * security.method}).
   */
  static void assertBadRequestNaming(AdminAnswer answer, String field) {
    assertThat(answer.status()).as("%s", answer).isEqualTo(400);
    assertThat(answer.error()).as("%s", answer).isNotEmpty();
    assertThat(answer.message())
        .as("message of %s names %s", answer, field)
        .containsPattern("(?<![\\w.])" + Pattern.quote(field) + "(?![\\w]|\\.\\w)");
  }

  /** Asserts the fixed 404 body of the contract. */
  static void assertNotFound(AdminAnswer answer) {
    assertThat(answer.status()).as("%s", answer).isEqualTo(404);
    assertThat(answer.error()).as("%s", answer).isEqualTo("not_found");
  }

  private AdminAnswer read(HttpResponse<String> response) throws IOException {
    String text = response.body();
    JsonNode body = MissingNode.getInstance();
    if (!text.isEmpty()) {
      String contentType = response.headers().firstValue("Content-Type").orElse("");
      assertThat(mediaType(contentType))
          .as(
              "media type of %s %s -> %d %s",
              response.request().method(), response.uri(), response.statusCode(), text)
          .isEqualTo("application/json");
      body = json.readTree(text);
    }
    return new AdminAnswer(response.statusCode(), response.headers(), text, body);
  }

  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .strip()
        .toLowerCase(Locale.ROOT);
  }
}
