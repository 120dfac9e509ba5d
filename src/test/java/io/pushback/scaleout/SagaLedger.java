package io.pushback.scaleout;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pushback.app.Settings;
import io.pushback.auth.Secret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Where the test sagas of a node record what they did, in tables of the store's own PostgreSQL
 * database, by plain JDBC: {@code ledger.saga_run} holds one row per delivery whose saga completed,
 * keyed by the delivery id, so a second run of the same delivery breaks the key and is recorded in
 * {@code saga_violation} instead; {@code ledger.saga_start} holds a row each time a run begins.
 * Every row names the node. Thread-safe.
 */
final class SagaLedger {
  /**
   * The tables, created by the test before any node starts. They live in a schema of their own:
   * Pushback's migrations refuse to start on a non-empty {@code public} schema they did not create.
   */
  static final List<String> SCHEMA =
      List.of(
          "CREATE SCHEMA ledger",
          "CREATE TABLE ledger.saga_run (delivery_id BIGINT PRIMARY KEY, node TEXT NOT NULL)",
          "CREATE TABLE ledger.saga_violation (delivery_id BIGINT NOT NULL, node TEXT NOT NULL)",
          "CREATE TABLE ledger.saga_start (delivery_id BIGINT NOT NULL, node TEXT NOT NULL,"
              + " started_at BIGINT NOT NULL)");

  private static final String UNIQUE_VIOLATION = "23505";

  private final HikariDataSource dataSource;
  private final String node;

  /** A ledger on the store of {@code settings}, writing as {@code node}. */
  SagaLedger(Settings settings, String node) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("saga-ledger");
    config.setJdbcUrl(settings.dbUrl());
    settings.dbUser().ifPresent(config::setUsername);
    settings.dbPassword().map(Secret::reveal).ifPresent(config::setPassword);
    // One connection per saga thread: opening a PostgreSQL connection per run would cost more than
    // the run.
    config.setMaximumPoolSize(settings.workers());
    this.dataSource = new HikariDataSource(config);
    this.node = node;
  }

  /** Records that the saga of {@code deliveryId} starts a run, and when. */
  void recordStart(long deliveryId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO ledger.saga_start (delivery_id, node, started_at) VALUES (?, ?, ?)")) {
      insert.setLong(1, deliveryId);
      insert.setString(2, node);
      insert.setLong(3, System.currentTimeMillis());
      insert.executeUpdate();
    }
  }

  /**
   * Records a completed run of the saga of {@code deliveryId}; a second run of the same delivery is
   * recorded as a violation and does not fail the saga (a retry would only add violations).
   */
  void recordRun(long deliveryId) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO ledger.saga_run (delivery_id, node) VALUES (?, ?)")) {
        insert.setLong(1, deliveryId);
        insert.setString(2, node);
        insert.executeUpdate();
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
        try (PreparedStatement violation =
            connection.prepareStatement(
                "INSERT INTO ledger.saga_violation (delivery_id, node) VALUES (?, ?)")) {
          violation.setLong(1, deliveryId);
          violation.setString(2, node);
          violation.executeUpdate();
        }
      }
    }
  }
}
