package io.pushback.durable;

import io.pushback.app.EmbeddedServer;
import io.pushback.app.Settings;
import io.pushback.app.SettingsLoader;
import io.pushback.saga.Saga;
import io.pushback.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Pushback node on a real port over a given SQLite file, so that a test can stop a node and
 * start the next on the same store, as after a restart. Settings may be overridden by name. Not
 * thread-safe.
 */
final class FileNode implements AutoCloseable {
  private final EmbeddedServer server;
  private final PushbackClient client;

  private FileNode(EmbeddedServer server) {
    this.server = server;
    this.client = new PushbackClient(server.port());
  }

  /** Starts a node on {@code databaseFile}, with the test admin token and a free port. */
  static FileNode start(Path databaseFile, Map<String, String> overrides, List<Saga> sagas)
      throws Exception {
    Map<String, String> values = new HashMap<>();
    values.put(Settings.PORT, "0");
    values.put(Settings.DB_URL, jdbcUrl(databaseFile));
    values.put(Settings.ADMIN_TOKEN, TestServer.ADMIN_TOKEN);
    values.putAll(overrides);
    Settings settings = new SettingsLoader(List.of(values::get)).load();
    return new FileNode(new EmbeddedServer(settings, sagas, Clock.systemUTC()).start());
  }

  /** The SQLite file a {@link TestServer} stores into. */
  static Path databaseOf(TestServer server) {
    return server.directory().resolve("pushback.db");
  }

  static String jdbcUrl(Path databaseFile) {
    return "jdbc:sqlite:" + databaseFile;
  }

  PushbackClient client() {
    return client;
  }

  @Override
  public void close() {
    server.close();
  }
}
