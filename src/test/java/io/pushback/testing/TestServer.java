package io.pushback.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.app.EmbeddedServer;
import io.pushback.app.Settings;
import io.pushback.app.SettingsLoader;
import io.pushback.saga.Saga;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushback on a real embedded Jetty, on a free port, with a fresh SQLite file and the admin API on:
 * the fixture of the black-box tests. Settings may be overridden by name ({@code PUSHBACK_...}).
 */
public final class TestServer implements AutoCloseable {
  public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

  private final EmbeddedServer server;
  private final Path directory;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private final ObjectMapper json = new ObjectMapper();

  private TestServer(EmbeddedServer server, Path directory) {
    this.server = server;
    this.directory = directory;
  }

  /** A server with default settings but for a temporary SQLite file and the admin token. */
  public static TestServer start(List<Saga> sagas) throws Exception {
    return start(Map.of(), sagas);
  }

  public static TestServer start(Map<String, String> overrides, List<Saga> sagas) throws Exception {
    return start(overrides, sagas, Clock.systemUTC());
  }

  /** As above, reading time from {@code clock} (timestamped signatures are judged by it). */
  public static TestServer start(Map<String, String> overrides, List<Saga> sagas, Clock clock)
      throws Exception {
    Path directory = Files.createTempDirectory("pushback-test");
    Map<String, String> values = new HashMap<>();
    values.put(Settings.PORT, "0");
    values.put(Settings.DB_URL, "jdbc:sqlite:" + directory.resolve("pushback.db"));
    values.put(Settings.ADMIN_TOKEN, ADMIN_TOKEN);
    values.putAll(overrides);
    Settings settings = new SettingsLoader(List.of(values::get)).load();
    EmbeddedServer server = new EmbeddedServer(settings, sagas, clock).start();
    return new TestServer(server, directory);
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  public int port() {
    return server.port();
  }

  /** The folder holding the SQLite file. */
  public Path directory() {
    return directory;
  }

  public HttpClient http() {
    return http;
  }

  public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** An admin API call with the admin token; {@code body} may be null. */
  public HttpResponse<String> admin(String method, String path, String body) {
    return adminCalls().call(method, path, body);
  }

  /** An admin call that must answer {@code expectedStatus}; its body as JSON. */
  public JsonNode adminJson(String method, String path, String body, int expectedStatus) {
    return adminCalls().expect(method, path, body, expectedStatus);
  }

  private AdminCalls adminCalls() {
    return new AdminCalls(http, uri("/"), ADMIN_TOKEN, "the test server");
  }

  /** Creates a partner with {@code slug}. */
  public JsonNode createPartner(String slug) throws IOException, InterruptedException {
    return adminJson(
        "POST", "/partners", "{\"slug\":\"" + slug + "\",\"name\":\"Partner " + slug + "\"}", 201);
  }

  /** Creates a site {@code slug} of partner {@code partner}. */
  public JsonNode createSite(String partner, String slug) throws IOException, InterruptedException {
    return adminJson(
        "POST",
        "/partners/" + partner + "/sites",
        "{\"slug\":\"" + slug + "\",\"name\":\"Site " + slug + "\"}",
        201);
  }

  /**
   * Creates an endpoint under {@code owner} ({@code acme} or {@code acme/sites/main}) with the saga
   * and the {@code security} object given as JSON; the answer includes its one-time {@code
   * credentials}.
   */
  public JsonNode createEndpoint(String owner, String name, String saga, String security)
      throws IOException, InterruptedException {
    String body =
        "{\"name\":\"" + name + "\",\"saga\":\"" + saga + "\",\"security\":" + security + "}";
    return adminJson("POST", "/partners/" + owner + "/endpoints", body, 201);
  }

  @Override
  public void close() {
    server.close();
  }
}
