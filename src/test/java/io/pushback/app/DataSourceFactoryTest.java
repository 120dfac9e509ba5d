package io.pushback.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pushback.endpoint.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
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
    Map<String, String> values =
        Map.of(
            Settings.DB_URL,
            "jdbc:sqlite:" + directory.resolve("pushback.db"),
            Settings.DB_POOL_SIZE,
            "2");
    Settings settings = new SettingsLoader(List.of(values::get)).load();

    try (HikariDataSource pool = DataSourceFactory.create(settings, Dialect.SQLITE);
        Connection connection = pool.getConnection()) {
      assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(connection, "synchronous")).isEqualTo("2");
      assertThat(pragma(connection, "busy_timeout"))
          .isEqualTo(String.valueOf(settings.dbTimeout().toMillis()));
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
