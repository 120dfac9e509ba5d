package io.pushback.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.app.Settings;
import io.pushback.testing.EmbeddedPostgresServer;
import io.pushback.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /ready} on PostgreSQL: ready while the server runs, 503 with {@code Retry-After} once
 * it is stopped, while {@code GET /health} stays 200.
 */
final class ReadyOnPostgresIT {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void turnsUnreadyWhenPostgresStopsWhileHealthStaysUp() throws Exception {
    try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start()) {
      String url = postgres.newDatabaseUrl();
      // The test server skips synchronous commits to be cheap; Pushback refuses such a store.
      try (Connection connection = DriverManager.getConnection(url, "postgres", null);
          Statement statement = connection.createStatement()) {
        statement.execute(
            "ALTER DATABASE \"" + connection.getCatalog() + "\" SET synchronous_commit = on");
      }
      Map<String, String> settings =
          Map.of(
              Settings.DB_URL,
              url,
              Settings.DB_USER,
              "postgres",
              Settings.DB_TIMEOUT,
              "PT1S",
              Settings.MASTER_KEY,
              "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
      try (TestServer server = TestServer.start(settings, List.of())) {
        HttpResponse<String> up = get(server, "/ready");
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        assertThat(json.readTree(up.body()).path("status").asText()).isEqualTo("ready");

        postgres.stop();
        HttpResponse<String> down = get(server, "/ready");

        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).isPresent();
        JsonNode body = json.readTree(down.body());
        assertThat(body.path("status").asText()).isEqualTo("unready");
        assertThat(body.path("store").asText()).isEqualTo("down");
        assertThat(get(server, "/health").statusCode()).isEqualTo(200);
      }
    }
  }

  private static HttpResponse<String> get(TestServer server, String path) throws Exception {
    return server.send(HttpRequest.newBuilder(server.uri(path)).GET().build());
  }
}
