package io.pushback.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Admin API calls to a Pushback at a base URI with its admin token, for the fixtures that run a
 * server in this JVM or in a child process. Thread-safe.
 */
public final class AdminCalls {
  private final HttpClient http;
  private final URI base;
  private final String token;
  private final String server;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param base the server's root, e.g. {@code http://127.0.0.1:8080}
   * @param server how failures name the server, e.g. {@code node A}
   */
  public AdminCalls(HttpClient http, URI base, String token, String server) {
    this.http = http;
    this.base = base;
    this.token = token;
    this.server = server;
  }

  /** An admin API call; {@code body} may be null. */
  public HttpResponse<String> call(String method, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/admin/api/v1" + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " on " + server + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + path, e);
    }
  }

  /** An admin call that must answer {@code expectedStatus}; its body as JSON. */
  public JsonNode expect(String method, String path, String body, int expectedStatus) {
    HttpResponse<String> response = call(method, path, body);
    if (response.statusCode() != expectedStatus) {
      throw new AssertionError(
          method
              + " "
              + path
              + " on "
              + server
              + ": expected "
              + expectedStatus
              + " but got "
              + response.statusCode()
              + " "
              + response.body());
    }
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " did not answer JSON: " + response.body(), e);
    }
  }

  /**
   * Creates partner {@code partner} and under it a {@code signature} endpoint named after {@code
   * saga}, running it in {@code mode} ({@code sync} or {@code async}) with {@code secret}; the
   * endpoint as created.
   */
  public JsonNode createSignatureEndpoint(String partner, String saga, String mode, String secret) {
    expect(
        "POST",
        "/partners",
        "{\"slug\":\"" + partner + "\",\"name\":\"Partner " + partner + "\"}",
        201);
    return expect(
        "POST",
        "/partners/" + partner + "/endpoints",
        "{\"name\":\""
            + saga
            + "\",\"saga\":\""
            + saga
            + "\",\"mode\":\""
            + mode
            + "\",\"security\":{\"method\":\"signature\",\"secret\":\""
            + secret
            + "\"}}",
        201);
  }
}
