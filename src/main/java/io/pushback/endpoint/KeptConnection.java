package io.pushback.endpoint;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection of its own, with the statements prepared on it kept for the next use: for the few
 * statements every request runs, so they cost neither a pool borrow nor a preparation. Opened on
 * first use; {@link #close()} after a failure, and the next use starts on a fresh connection. Not
 * thread-safe: one user at a time.
 */
public final class KeptConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeptConnection.class);

  private final Database database;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private Handle handle;

  public KeptConnection(Database database) {
    this.database = database;
  }

  /**
   * The handle on the kept connection, opened if need be. Throws {@link StoreUnavailableException}.
   */
  public Handle handle() {
    if (handle == null) {
      handle = database.open();
    }
    return handle;
  }

  /** {@code sql} prepared on the kept connection, its parameters cleared. Do not close it. */
  public PreparedStatement prepared(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = handle().getConnection().prepareStatement(sql);
      statements.put(sql, statement);
    } else {
      statement.clearParameters();
    }
    return statement;
  }

  /** Closes the kept statements and the connection; the next use opens a fresh one. */
  @Override
  public void close() {
    for (PreparedStatement statement : statements.values()) {
      try {
        statement.close();
      } catch (SQLException e) {
        LOG.debug("could not close a kept statement", e);
      }
    }
    statements.clear();
    if (handle != null) {
      try {
        handle.close();
      } catch (RuntimeException e) {
        LOG.debug("could not close a kept connection", e);
      }
      handle = null;
    }
  }
}
