package io.pushback.endpoint;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the versioned schema migrations of the store's dialect at start. */
public final class Migrations {
  private Migrations() {}

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
