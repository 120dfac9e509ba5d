package io.pushback.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * HTTP to one {@link PushbackContainer}: raw requests, and admin API calls with its token. Failure
 * messages carry the container's diagnostics.
 */
final class ContainerClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PushbackContainer container;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  ContainerClient(PushbackContainer container) {
    this.container = container;
  }

  /** A unique slug or secret starting with {@code prefix}: lower-case letters, digits and '-'. */
  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  /** A request builder for {@code path} on the container. */
  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(container.root().resolve(path)).timeout(TIMEOUT);
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** An admin API call with the container's token; {@code body} may be null. */
  HttpResponse<String> admin(String method, String path, String body)
      throws IOException, InterruptedException {
    return send(
        request("/admin/api/v1" + path)
            .header("Authorization", "Bearer " + container.adminToken())
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body)));
  }

  /** An admin call that must answer {@code expectedStatus}; its body as JSON. */
  JsonNode adminJson(String method, String path, String body, int expectedStatus)
      throws IOException, InterruptedException {
    HttpResponse<String> response = admin(method, path, body);
    if (response.statusCode() != expectedStatus) {
      throw new AssertionError(
          method + " " + path + ": expected " + expectedStatus + " but got " + describe(response));
    }
    return json(response.body());
  }

  /** Creates a partner with a fresh slug; returns the slug. */
  String partner() throws IOException, InterruptedException {
    String slug = unique("partner");
    adminJson("POST", "/partners", "{\"slug\":\"" + slug + "\",\"name\":\"Partner\"}", 201);
    return slug;
  }

  /** Creates a site with a fresh slug under {@code partner}; returns the answer. */
  JsonNode site(String partner) throws IOException, InterruptedException {
    String slug = unique("site");
    return adminJson(
        "POST",
        "/partners/" + partner + "/sites",
        "{\"slug\":\"" + slug + "\",\"name\":\"Site\"}",
        201);
  }

  /**
   * Creates an endpoint under {@code owner} ({@code acme} or {@code acme/sites/main}); {@code
   * fields} are extra JSON members, e.g. {@code "mode":"async",}. Returns the creation answer.
   */
  JsonNode endpoint(String owner, String fields, String security)
      throws IOException, InterruptedException {
    String body =
        "{\"name\":\""
            + unique("ep")
            + "\",\"saga\":\"log\","
            + fields
            + "\"security\":"
            + security
            + "}";
    return adminJson("POST", "/partners/" + owner + "/endpoints", body, 201);
  }

  /** One delivery as the admin API shows it. */
  JsonNode delivery(String id) throws IOException, InterruptedException {
    return adminJson("GET", "/deliveries/" + id, null, 200);
  }

  String describe(HttpResponse<String> response) {
    return response.statusCode()
        + " "
        + response.headers().map()
        + " "
        + response.body()
        + "\n"
        + container.diagnostics();
  }
}
