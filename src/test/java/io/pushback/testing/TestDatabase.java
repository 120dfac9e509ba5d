package io.pushback.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pushback.endpoint.Database;
import io.pushback.endpoint.Dialect;
import io.pushback.endpoint.Migrations;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * A store pool for tests, configured as the application's {@code io.pushback.app.DataSourceFactory}
 * configures its own (keep the two in step) but with a short {@link #TIMEOUT} so that a test of an
 * unavailable store ends quickly. {@link #close()} closes the pool, not the database.
 */
public final class TestDatabase implements AutoCloseable {
  /** How long a call waits for a connection, or SQLite for a lock. */
  public static final Duration TIMEOUT = Duration.ofSeconds(1);

  private static final int POOL_SIZE = 4;

  private final String jdbcUrl;
  private final Dialect dialect;
  private final HikariDataSource dataSource;
  private final Database database;

  private TestDatabase(String jdbcUrl, Dialect dialect, HikariDataSource dataSource) {
    this.jdbcUrl = jdbcUrl;
    this.dialect = dialect;
    this.dataSource = dataSource;
    this.database = new Database(Jdbi.create(dataSource), dialect);
  }

  /** Opens a pool on {@code jdbcUrl} without migrating. */
  public static TestDatabase open(String jdbcUrl) {
    Dialect dialect = Dialect.fromJdbcUrl(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setPoolName("pushback-test");
    config.setJdbcUrl(jdbcUrl);
    config.setConnectionTimeout(TIMEOUT.toMillis());
    config.setMaximumPoolSize(POOL_SIZE);
    config.setInitializationFailTimeout(-1);
    if (dialect == Dialect.SQLITE) {
      config.setDriverClassName("org.sqlite.JDBC");
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("synchronous", "FULL");
      config.addDataSourceProperty("busy_timeout", String.valueOf(TIMEOUT.toMillis()));
      config.addDataSourceProperty("foreign_keys", "true");
    } else {
      config.setDriverClassName("org.postgresql.Driver");
    }
    return new TestDatabase(jdbcUrl, dialect, new HikariDataSource(config));
  }

  /** Applies the migrations as the application does at start; returns the schema version. */
  public String migrate() {
    return Migrations.migrate(dataSource, dialect);
  }

  /** A new pool on the same database, as after a restart. */
  public TestDatabase reopen() {
    return open(jdbcUrl);
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public Dialect dialect() {
    return dialect;
  }

  public HikariDataSource dataSource() {
    return dataSource;
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
