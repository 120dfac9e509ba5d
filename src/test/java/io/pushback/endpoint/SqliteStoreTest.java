package io.pushback.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pushback.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on SQLite in a temporary file, plus what only SQLite has: its pragmas. */
final class SqliteStoreTest extends StoreContract {
  @TempDir Path directory;
  private int databases;

  @Override
  protected String emptyDatabaseUrl() {
    databases++;
    return "jdbc:sqlite:" + directory.resolve("store-" + databases + ".db");
  }

  @Test
  void poolConnectionsUseWalWithFullSyncAndForeignKeys() {
    assertThat(pragma("journal_mode")).isEqualTo("wal");
    assertThat(pragma("synchronous")).isEqualTo("2");
    assertThat(pragma("foreign_keys")).isEqualTo("1");
    assertThat(pragma("busy_timeout")).isEqualTo(String.valueOf(TestDatabase.TIMEOUT.toMillis()));
  }

  @Test
  void writeBlockedLongerThanTheBusyTimeoutFailsAsUnavailableWhileReadsGoOn() throws SQLException {
    try (Connection writer = DriverManager.getConnection(database().jdbcUrl());
        Statement statement = writer.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");

      assertTimeoutPreemptively(
          TestDatabase.TIMEOUT.multipliedBy(3),
          () ->
              assertThatThrownBy(() -> partners().createPartner("globex", "Globex"))
                  .isInstanceOf(StoreUnavailableException.class));
      assertThat(partners().partners()).extracting(Partner::slug).containsExactly("acme");

      statement.execute("ROLLBACK");
    }
    assertThat(partners().createPartner("globex", "Globex").slug()).isEqualTo("globex");
  }

  private String pragma(String name) {
    return database()
        .database()
        .withHandle(h -> h.createQuery("PRAGMA " + name).mapTo(String.class).one());
  }
}
