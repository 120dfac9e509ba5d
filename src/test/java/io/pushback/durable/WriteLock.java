package io.pushback.durable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * SQLite's write lock on a store, held from a connection of its own as another process could hold
 * it: {@code BEGIN EXCLUSIVE} with autocommit off, until {@link #close()} rolls back. Closing
 * twice, from any thread, is harmless.
 */
final class WriteLock implements AutoCloseable {
  private final Connection connection;

  private WriteLock(Connection connection) {
    this.connection = connection;
  }

  /** Takes the lock, waiting for the server's own writes for at most a few seconds. */
  static WriteLock acquire(Path databaseFile) throws SQLException {
    Properties properties = new Properties();
    // sqlite-jdbc opens the transaction when autocommit goes off, with BEGIN EXCLUSIVE in this
    // mode.
    properties.setProperty("transaction_mode", "EXCLUSIVE");
    properties.setProperty("busy_timeout", "10000");
    Connection connection = DriverManager.getConnection(FileNode.jdbcUrl(databaseFile), properties);
    try {
      connection.setAutoCommit(false);
      return new WriteLock(connection);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /** Gives the lock back, unless already given. */
  @Override
  public synchronized void close() throws SQLException {
    if (connection.isClosed()) {
      return;
    }
    try {
      connection.rollback();
    } finally {
      connection.close();
    }
  }
}
