package io.pushback.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pushback.auth.Secret;
import io.pushback.endpoint.Dialect;

/** Builds the HikariCP pool for the store: SQLite in WAL mode with full sync, or PostgreSQL. */
final class DataSourceFactory {
  /**
   * How long a request waits for a connection (or SQLite for a lock) before the store counts as
   * unavailable.
   */
  static final int TIMEOUT_MILLIS = 5_000;

  private DataSourceFactory() {}

  static HikariDataSource create(Settings settings, Dialect dialect) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("pushback");
    config.setJdbcUrl(settings.dbUrl());
    config.setConnectionTimeout(TIMEOUT_MILLIS);
    config.setMaximumPoolSize(settings.dbPoolSize());
    config.setInitializationFailTimeout(-1);
    settings.dbUser().ifPresent(config::setUsername);
    settings.dbPassword().map(Secret::reveal).ifPresent(config::setPassword);
    if (dialect == Dialect.SQLITE) {
      config.setDriverClassName("org.sqlite.JDBC");
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("synchronous", "FULL");
      config.addDataSourceProperty("busy_timeout", String.valueOf(TIMEOUT_MILLIS));
      config.addDataSourceProperty("foreign_keys", "true");
    } else {
      config.setDriverClassName("org.postgresql.Driver");
    }
    return new HikariDataSource(config);
  }
}
