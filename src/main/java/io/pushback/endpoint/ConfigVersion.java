package io.pushback.endpoint;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jdbi.v3.core.Handle;

/**
 * The count of admin changes to partners, sites, endpoints and credentials, one row shared by every
 * node. Each change increments it in its own transaction, so a cache of what those rows resolve to
 * stays correct while the count it was filled under is still the current one.
 *
 * <p>Every pushback request reads it, so it is read on a few connections kept for it with the
 * statement prepared once; when all are busy, or one failed, a read takes a pooled connection as
 * any other. Thread-safe.
 */
public final class ConfigVersion implements AutoCloseable {
  private static final String SELECT = "SELECT version FROM config_version WHERE id = 1";

  /** Kept readers: about one per core is enough for a single-row read. */
  static final int KEPT_READERS = 2;

  private final Database database;
  private final BlockingQueue<Reader> idle = new ArrayBlockingQueue<>(KEPT_READERS);
  private volatile boolean open = true;

  public ConfigVersion(Database database) {
    this.database = database;
    for (int i = 0; i < KEPT_READERS; i++) {
      idle.add(new Reader());
    }
  }

  /**
   * The current count: one indexed single-row read. Throws {@link StoreUnavailableException} when
   * the store cannot answer.
   */
  public long current() {
    Reader reader = idle.poll();
    if (reader == null) {
      return database.withHandle(h -> h.createQuery(SELECT).mapTo(Long.class).one());
    }
    try {
      return reader.read();
    } finally {
      if (open) {
        idle.add(reader);
      } else {
        reader.close();
      }
    }
  }

  /** Counts a change made in {@code h}'s transaction; it becomes visible when that commits. */
  static void bump(Handle h) {
    h.createUpdate("UPDATE config_version SET version = version + 1 WHERE id = 1").execute();
  }

  /** Gives back the kept connections. */
  @Override
  public void close() {
    open = false;
    Reader reader;
    while ((reader = idle.poll()) != null) {
      reader.close();
    }
  }

  /** A kept connection with the statement prepared on it; opened on first use. */
  private final class Reader {
    private final KeptConnection connection = new KeptConnection(database);

    long read() {
      try (ResultSet rows = connection.prepared(SELECT).executeQuery()) {
        if (!rows.next()) {
          throw new StoreUnavailableException("config_version holds no row", null);
        }
        return rows.getLong(1);
      } catch (SQLException | RuntimeException e) {
        // Start again on a fresh connection next time.
        close();
        throw e instanceof StoreUnavailableException unavailable
            ? unavailable
            : Database.translated("id", e);
      }
    }

    void close() {
      connection.close();
    }
  }
}
