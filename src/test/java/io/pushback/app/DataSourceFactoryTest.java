package io.pushback.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pushback.endpoint.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application's own SQLite pool hands out connections in WAL mode with full sync, the busy
 * timeout and foreign keys on. The store tests use a copy of this configuration; this test keeps
 * the original honest.
 */
final class DataSourceFactoryTest {
  @TempDir Path directory;

  @Test
  void sqliteConnectionsUseWalWithFullSyncBusyTimeoutAndForeignKeys() throws SQLException {
    Settings settings =
        new Settings(
            Settings.DEFAULT_PORT,
            "jdbc:sqlite:" + directory.resolve("pushback.db"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Settings.DEFAULT_MAX_BODY_BYTES,
            2);

    try (HikariDataSource pool = DataSourceFactory.create(settings, Dialect.SQLITE);
        Connection connection = pool.getConnection()) {
      assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(connection, "synchronous")).isEqualTo("2");
      assertThat(pragma(connection, "busy_timeout"))
          .isEqualTo(String.valueOf(DataSourceFactory.TIMEOUT_MILLIS));
      assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
    }
  }

  private static String pragma(Connection connection, String name) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("PRAGMA " + name)) {
      assertThat(result.next()).as("PRAGMA %s answers a row", name).isTrue();
      return result.getString(1);
    }
  }
}
