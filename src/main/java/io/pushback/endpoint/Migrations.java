package io.pushback.endpoint;

import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the versioned schema migrations of the store's dialect at start. */
public final class Migrations {
  /** Flyway's record of the applied migrations. */
  private static final String HISTORY_TABLE = "flyway_schema_history";

  private Migrations() {}

  /**
   * The version of the last migration applied successfully, as the store says now (empty when none
   * was), read in a transaction that also takes the store's write lock with an update of no row: a
   * store that would refuse a delivery's commit, locked past its timeout or read-only, does not
   * answer. Throws {@link StoreUnavailableException} when the store does not answer.
   */
  public static Optional<String> appliedVersion(Database database) {
    return database.inTransaction(
        h -> {
          h.createUpdate("UPDATE " + HISTORY_TABLE + " SET success = success WHERE 1 = 0")
              .execute();
          return h.createQuery(
                  "SELECT version FROM "
                      + HISTORY_TABLE
                      + " WHERE success AND version IS NOT NULL"
                      + " ORDER BY installed_rank DESC LIMIT 1")
              .mapTo(String.class)
              .findOne();
        });
  }

  /** Brings the schema up to date; returns the version it is at. Throws naming what failed. */
  public static String migrate(DataSource dataSource, Dialect dialect) {
    try {
      MigrateResult result =
          Flyway.configure(Migrations.class.getClassLoader())
              .dataSource(dataSource)
              .locations(dialect.migrationLocation())
              .failOnMissingLocations(true)
              .load()
              .migrate();
      return result.targetSchemaVersion != null
          ? result.targetSchemaVersion
          : result.initialSchemaVersion;
    } catch (FlywayException e) {
      throw new StoreUnavailableException("schema migration failed: " + e.getMessage(), e);
    }
  }
}
