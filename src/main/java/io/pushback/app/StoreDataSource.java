package io.pushback.app;

import com.zaxxer.hikari.HikariDataSource;
import io.pushback.auth.InvalidSettingException;
import io.pushback.auth.PushbackException;
import io.pushback.endpoint.Dialect;
import io.pushback.endpoint.StoreUnavailableException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where the store's connections come from: the container's DataSource when it binds one under
 * {@link #JNDI_NAME}, else a HikariCP pool built from the settings ({@code PUSHBACK_DB_URL} and the
 * rest, which a container DataSource makes irrelevant). {@link #close()} closes only a pool built
 * here: the container owns its own. Thread-safe.
 */
public final class StoreDataSource implements AutoCloseable {
  /** The name a container binds Pushback's DataSource under. */
  public static final String JNDI_NAME = "java:comp/env/jdbc/pushback";

  private static final String SQLITE_PRODUCT = "sqlite";
  private static final String POSTGRESQL_PRODUCT = "postgresql";

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String description;
  private final Optional<HikariDataSource> ownPool;

  private StoreDataSource(
      DataSource dataSource,
      Dialect dialect,
      String description,
      Optional<HikariDataSource> ownPool) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.description = description;
    this.ownPool = ownPool;
  }

  /**
   * The container's DataSource if {@code lookup} finds one under {@link #JNDI_NAME}, else a new
   * pool. Throws naming the problem when the name holds something else, or when the container's
   * DataSource cannot be connected to or is neither SQLite nor PostgreSQL.
   */
  public static StoreDataSource open(Settings settings, DataSourceLookup lookup) {
    Optional<Object> offered = lookup.find(JNDI_NAME);
    if (offered.isEmpty()) {
      return pool(settings);
    }
    if (!(offered.get() instanceof DataSource container)) {
      throw new PushbackException(
          "expected a javax.sql.DataSource under "
              + JNDI_NAME
              + " but found a "
              + offered.get().getClass().getName());
    }
    return new StoreDataSource(
        container, dialectOf(container), "container DataSource " + JNDI_NAME, Optional.empty());
  }

  private static StoreDataSource pool(Settings settings) {
    Dialect dialect;
    try {
      dialect = Dialect.fromJdbcUrl(settings.dbUrl());
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(Settings.DB_URL, e.getMessage());
    }
    HikariDataSource pool = DataSourceFactory.create(settings, dialect);
    return new StoreDataSource(
        pool,
        dialect,
        "HikariCP pool of " + settings.dbPoolSize() + " connections from " + Settings.DB_URL,
        Optional.of(pool));
  }

  /**
   * The dialect of a DataSource we did not configure: by product name, else by the connection's
   * URL. The URL itself never reaches a message (it may carry a password).
   */
  private static Dialect dialectOf(DataSource container) {
    String product;
    String url;
    try (Connection connection = container.getConnection()) {
      DatabaseMetaData metaData = connection.getMetaData();
      product = String.valueOf(metaData.getDatabaseProductName());
      url = String.valueOf(metaData.getURL());
    } catch (SQLException e) {
      throw new StoreUnavailableException(
          "cannot connect through the container DataSource " + JNDI_NAME + ": " + e.getMessage(),
          e);
    }
    switch (product.toLowerCase(Locale.ROOT)) {
      case SQLITE_PRODUCT:
        return Dialect.SQLITE;
      case POSTGRESQL_PRODUCT:
        return Dialect.POSTGRESQL;
      default:
        try {
          return Dialect.fromJdbcUrl(url);
        } catch (IllegalArgumentException e) {
          throw new PushbackException(
              "the container DataSource " + JNDI_NAME + " is " + product + ": " + e.getMessage(),
              e);
        }
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Whether the connections come from the container rather than a pool of our own. */
  public boolean fromContainer() {
    return ownPool.isEmpty();
  }

  /** Where the connections come from, for the start-up log line. */
  public String description() {
    return description;
  }

  /** Closes the pool if it is ours; leaves the container's DataSource alone. */
  @Override
  public void close() {
    ownPool.ifPresent(HikariDataSource::close);
  }
}
