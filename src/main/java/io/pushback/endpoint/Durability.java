package io.pushback.endpoint;

import io.pushback.auth.PushbackException;
import java.util.Locale;
import java.util.Set;

/**
 * Checks at start that the store makes a commit durable before it returns: SQLite in WAL mode with
 * {@code synchronous=FULL} (or {@code EXTRA}), PostgreSQL with {@code synchronous_commit} not
 * {@code off}. Pushback acknowledges a request only after its commit, so a store that may lose
 * commits would break that promise.
 */
public final class Durability {
  private static final int SQLITE_FULL = 2;
  private static final Set<String> DURABLE_COMMITS =
      Set.of("on", "local", "remote_write", "remote_apply");

  private Durability() {}

  /**
   * Returns a description of the durability settings found; throws naming the setting that is
   * unsafe.
   */
  public static String check(Database database) {
    return database.withHandle(
        h -> {
          if (database.dialect() == Dialect.SQLITE) {
            String journal =
                h.createQuery("PRAGMA journal_mode")
                    .mapTo(String.class)
                    .one()
                    .toLowerCase(Locale.ROOT);
            int synchronous = h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one();
            if (!journal.equals("wal") || synchronous < SQLITE_FULL) {
              throw new PushbackException(
                  "SQLite must run with journal_mode=WAL and synchronous=FULL but found journal_mode="
                      + journal
                      + " and synchronous="
                      + synchronous
                      + "; refusing to start");
            }
            return "journal_mode=wal, synchronous="
                + (synchronous == SQLITE_FULL ? "full" : "extra");
          }
          String commit = h.createQuery("SHOW synchronous_commit").mapTo(String.class).one();
          if (!DURABLE_COMMITS.contains(commit.toLowerCase(Locale.ROOT))) {
            throw new PushbackException(
                "PostgreSQL must run with synchronous_commit=on but found "
                    + commit
                    + "; refusing to start");
          }
          return "synchronous_commit=" + commit;
        });
  }
}
