package io.pushback.durable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The columns of a delivery row that the admin API does not show, read straight from a SQLite
 * store: who holds its lease, and until when.
 */
record StoredRow(
    String outcome, int attempts, Optional<String> leaseOwner, Optional<Long> leaseUntil) {
  static StoredRow read(Path databaseFile, long id) throws SQLException {
    try (Connection connection = DriverManager.getConnection(FileNode.jdbcUrl(databaseFile));
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT outcome, attempts, lease_owner, lease_until FROM delivery WHERE id = ?")) {
      query.setLong(1, id);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          throw new AssertionError("no delivery row " + id);
        }
        long until = row.getLong("lease_until");
        Optional<Long> leaseUntil = row.wasNull() ? Optional.empty() : Optional.of(until);
        return new StoredRow(
            row.getString("outcome"),
            row.getInt("attempts"),
            Optional.ofNullable(row.getString("lease_owner")),
            leaseUntil);
      }
    }
  }
}
