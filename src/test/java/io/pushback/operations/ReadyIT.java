package io.pushback.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.app.Settings;
import io.pushback.testing.TestServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /ready} says whether to send the node traffic (store reachable, schema at the version
 * this build migrates to), while {@code GET /health} says only that it is alive: a locked store or
 * a schema at another version makes the first 503 with {@code Retry-After}, never the second.
 */
final class ReadyIT {
  /** Short, so that a locked store is answered quickly. */
  private static final String DB_TIMEOUT = "PT0.5S";

  private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.*\\.sql");

  private final ObjectMapper json = new ObjectMapper();
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(Map.of(Settings.DB_TIMEOUT, DB_TIMEOUT), List.of());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void answersReadyAtTheNewestMigrationOfThisBuild() throws Exception {
    HttpResponse<String> response = get("/ready");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWithIgnoringCase("application/json");
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("status").asText()).isEqualTo("ready");
    assertThat(body.path("store").asText()).isEqualTo("up");
    assertThat(body.path("schema").asText()).isEqualTo(newestSqliteMigration());
  }

  @Test
  void answers503WhileTheStoreIsLockedAndHealthStaysUp() throws Exception {
    try (Connection lock = writeLock()) {
      HttpResponse<String> ready = get("/ready");
      HttpResponse<String> health = get("/health");

      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
      assertThat(ready.headers().firstValue("Retry-After")).isPresent();
      JsonNode body = json.readTree(ready.body());
      assertThat(body.path("status").asText()).isEqualTo("unready");
      assertThat(body.path("store").asText()).isEqualTo("down");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(json.readTree(health.body()).path("status").asText()).isEqualTo("up");
      lock.rollback();
    }

    assertThat(get("/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void answers503WhenTheSchemaIsNotAtTheExpectedVersion() throws Exception {
    String expected = newestSqliteMigration();
    String undo =
        "UPDATE flyway_schema_history SET success = %d WHERE installed_rank ="
            + " (SELECT MAX(installed_rank) FROM flyway_schema_history)";
    execute(undo.formatted(0));

    HttpResponse<String> response = get("/ready");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("status").asText()).isEqualTo("unready");
    assertThat(body.path("store").asText()).isEqualTo("up");
    assertThat(body.path("schema").asText()).isNotEqualTo(expected);
    assertThat(body.path("expected").asText()).isEqualTo(expected);
    assertThat(get("/health").statusCode()).isEqualTo(200);

    execute(undo.formatted(1));
    assertThat(get("/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void needsNoCredentials() throws Exception {
    HttpResponse<String> response =
        server.send(
            HttpRequest.newBuilder(server.uri("/ready"))
                .header("Authorization", "Bearer not-the-admin-token-at-all")
                .build());

    assertThat(response.statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return server.send(HttpRequest.newBuilder(server.uri(path)).GET().build());
  }

  private String jdbcUrl() {
    return "jdbc:sqlite:" + server.directory().resolve("pushback.db");
  }

  /**
   * SQLite's write lock on the server's store, as another process could hold it: {@code BEGIN
   * EXCLUSIVE} with autocommit off, until the connection rolls back or closes.
   */
  private Connection writeLock() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("transaction_mode", "EXCLUSIVE");
    properties.setProperty("busy_timeout", "10000");
    Connection connection = DriverManager.getConnection(jdbcUrl(), properties);
    connection.setAutoCommit(false);
    return connection;
  }

  private void execute(String sql) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("busy_timeout", "10000");
    try (Connection connection = DriverManager.getConnection(jdbcUrl(), properties);
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
  }

  /** The highest {@code V<n>} among this build's SQLite migrations. */
  private static String newestSqliteMigration() throws IOException, URISyntaxException {
    Path directory =
        Path.of(
            Objects.requireNonNull(
                    ReadyIT.class.getResource("/db/migration/sqlite"), "SQLite migrations")
                .toURI());
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(f -> MIGRATION.matcher(f.getFileName().toString()))
          .filter(Matcher::matches)
          .map(m -> Integer.parseInt(m.group(1)))
          .max(Integer::compare)
          .map(String::valueOf)
          .orElseThrow(() -> new AssertionError("no migrations in " + directory));
    }
  }
}
