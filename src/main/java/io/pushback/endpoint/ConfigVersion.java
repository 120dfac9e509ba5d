package io.pushback.endpoint;

import org.jdbi.v3.core.Handle;

/**
 * The count of admin changes to partners, sites, endpoints and credentials, one row shared by every
 * node. Each change increments it in its own transaction, so a cache of what those rows resolve to
 * stays correct while the count it was filled under is still the current one. Thread-safe.
 */
public final class ConfigVersion {
  private final Database database;

  public ConfigVersion(Database database) {
    this.database = database;
  }

  /** The current count: one indexed single-row read. */
  public long current() {
    return database.withHandle(
        h ->
            h.createQuery("SELECT version FROM config_version WHERE id = 1")
                .mapTo(Long.class)
                .one());
  }

  /** Counts a change made in {@code h}'s transaction; it becomes visible when that commits. */
  static void bump(Handle h) {
    h.createUpdate("UPDATE config_version SET version = version + 1 WHERE id = 1").execute();
  }
}
