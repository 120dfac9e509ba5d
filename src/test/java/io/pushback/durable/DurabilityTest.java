package io.pushback.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pushback.auth.PushbackException;
import io.pushback.endpoint.Database;
import io.pushback.endpoint.Dialect;
import io.pushback.endpoint.Durability;
import java.nio.file.Path;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up check that a SQLite store makes every commit durable before Pushback acknowledges
 * anything.
 */
final class DurabilityTest {
  @TempDir Path directory;

  @Test
  void acceptsWalWithFullSync() {
    assertThat(Durability.check(sqlite("journal_mode=WAL&synchronous=FULL")))
        .isEqualTo("journal_mode=wal, synchronous=full");
  }

  @Test
  void acceptsWalWithExtraSync() {
    assertThat(Durability.check(sqlite("journal_mode=WAL&synchronous=EXTRA")))
        .isEqualTo("journal_mode=wal, synchronous=extra");
  }

  @Test
  void refusesNormalSyncNamingSynchronousFull() {
    assertThatThrownBy(() -> Durability.check(sqlite("journal_mode=WAL&synchronous=NORMAL")))
        .isInstanceOf(PushbackException.class)
        .hasMessageContaining("synchronous=FULL")
        .hasMessageContaining("synchronous=1")
        .hasMessageContaining("refusing to start");
  }

  @Test
  void refusesSyncOff() {
    assertThatThrownBy(() -> Durability.check(sqlite("journal_mode=WAL&synchronous=OFF")))
        .isInstanceOf(PushbackException.class)
        .hasMessageContaining("synchronous=FULL")
        .hasMessageContaining("synchronous=0");
  }

  @Test
  void refusesARollbackJournalEvenWithFullSync() {
    assertThatThrownBy(() -> Durability.check(sqlite("journal_mode=DELETE&synchronous=FULL")))
        .isInstanceOf(PushbackException.class)
        .hasMessageContaining("journal_mode=WAL")
        .hasMessageContaining("journal_mode=delete");
  }

  @Test
  void connectionPropertiesWinOverPragmasInTheUrl() {
    // What lets the pool's synchronous=FULL hold whatever the configured URL asks for.
    Properties pool = new Properties();
    pool.setProperty("journal_mode", "WAL");
    pool.setProperty("synchronous", "FULL");
    String url =
        "jdbc:sqlite:" + directory.resolve("store.db") + "?journal_mode=DELETE&synchronous=NORMAL";

    assertThat(Durability.check(new Database(Jdbi.create(url, pool), Dialect.SQLITE)))
        .isEqualTo("journal_mode=wal, synchronous=full");
  }

  /**
   * A store over a fresh SQLite file whose every connection opens with the pragmas in {@code
   * parameters}.
   */
  private Database sqlite(String parameters) {
    String url = "jdbc:sqlite:" + directory.resolve("store.db") + "?" + parameters;
    return new Database(Jdbi.create(url), Dialect.SQLITE);
  }
}
