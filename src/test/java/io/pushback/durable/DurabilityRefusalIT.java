package io.pushback.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pushback.app.Settings;
import io.pushback.testing.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up durability check through a whole server. On SQLite the pool itself sets {@code
 * synchronous=FULL}, and sqlite-jdbc lets connection properties win over pragmas in the URL, so a
 * URL cannot weaken it (the refusal of a weak SQLite connection is proven on {@code Durability}
 * directly in {@link DurabilityTest}); a PostgreSQL server that acknowledges commits before they
 * are durable is refused at start.
 */
final class DurabilityRefusalIT {
  @TempDir Path directory;

  @Test
  void startsOnAUrlAskingForSynchronousNormalBecauseThePoolSetsFull() throws Exception {
    String url = "jdbc:sqlite:" + directory.resolve("x.db") + "?synchronous=NORMAL";

    try (TestServer server = TestServer.start(Map.of(Settings.DB_URL, url), List.of())) {
      HttpResponse<String> health =
          server.send(HttpRequest.newBuilder(server.uri("/health")).build());

      assertThat(health.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void refusesToStartOnPostgresWithoutSynchronousCommit() throws Exception {
    try (EmbeddedPostgres postgres =
        EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "off").start()) {
      Map<String, String> settings =
          Map.of(
              Settings.DB_URL,
              postgres.getJdbcUrl("postgres", "postgres"),
              Settings.DB_USER,
              "postgres");

      assertThatThrownBy(() -> TestServer.start(settings, List.of()).close())
          .satisfies(
              failure ->
                  assertThat(messages(failure))
                      .as("the failure and its causes")
                      .contains("synchronous_commit=on but found off"));
    }
  }

  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
