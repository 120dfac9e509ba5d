package io.pushback.scaleout;

import io.pushback.app.Settings;
import io.pushback.testing.EmbeddedPostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * One embedded PostgreSQL with a fresh database per test, holding the {@link SagaLedger} tables,
 * and the {@link NodeProcess nodes} a test starts on it. A JUnit extension: register it with
 * {@code @RegisterExtension}. A PostgreSQL that cannot start fails the test. After each test it
 * kills the nodes still running and stops PostgreSQL; a failing test gets the output tail of every
 * node attached.
 */
final class ScaleOutCluster
    implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {
  /** Base64 of 32 bytes: the cluster's master key (a test value, not a secret). */
  private static final String MASTER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private final List<NodeProcess> nodes = new ArrayList<>();
  private Path directory;
  private EmbeddedPostgresServer postgres;
  private String databaseUrl;

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    directory = Files.createTempDirectory("pushback-scaleout");
    postgres = EmbeddedPostgresServer.start();
    databaseUrl = postgres.newDatabaseUrl();
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      // The server runs without synchronous commits to make tests cheap; Pushback refuses such a
      // store, so this database asks for them.
      String name;
      try (ResultSet rs = statement.executeQuery("SELECT current_database()")) {
        rs.next();
        name = rs.getString(1);
      }
      statement.execute("ALTER DATABASE \"" + name + "\" SET synchronous_commit = on");
      for (String table : SagaLedger.SCHEMA) {
        statement.execute(table);
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      for (NodeProcess node : nodes) {
        if (node.isAlive()) {
          node.kill();
        }
      }
    } finally {
      if (postgres != null) {
        postgres.stop();
      }
    }
    if (context.getExecutionException().isEmpty() && directory != null) {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    for (NodeProcess node : nodes) {
      failure.addSuppressed(
          new AssertionError(
              "output of node "
                  + node.name()
                  + " in "
                  + directory
                  + ", last lines:\n"
                  + node.logTail()));
    }
    throw failure;
  }

  /**
   * A node on this cluster's database, not started yet, with {@code settings} besides the port,
   * database, admin token, shutdown grace and master key, and {@code properties} as system
   * properties.
   */
  NodeProcess node(String name, Map<String, String> settings, Map<String, String> properties)
      throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> environment = new HashMap<>(settings);
    environment.put(Settings.PORT, String.valueOf(port));
    environment.put(Settings.DB_URL, databaseUrl);
    environment.put(Settings.ADMIN_TOKEN, NodeProcess.ADMIN_TOKEN);
    environment.put(Settings.SHUTDOWN_GRACE, "PT5S");
    // Every node on one PostgreSQL shares the master key that seals its credentials.
    environment.put(Settings.MASTER_KEY, MASTER_KEY);
    NodeProcess node =
        new NodeProcess(
            name, port, directory.resolve("node-" + name + ".log"), environment, properties, http);
    nodes.add(node);
    return node;
  }

  /** A file path in this test's temporary directory. */
  Path file(String name) {
    return directory.resolve(name);
  }

  HttpClient http() {
    return http;
  }

  /** A new connection to the nodes' database. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(databaseUrl);
  }

  /** The single number {@code sql} answers, with {@code parameters} bound in order. */
  long number(String sql, Object... parameters) throws SQLException {
    try (Connection connection = connect();
        PreparedStatement query = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        query.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = query.executeQuery()) {
        if (!rs.next()) {
          throw new AssertionError("no row from " + sql);
        }
        return rs.getLong(1);
      }
    }
  }
}
