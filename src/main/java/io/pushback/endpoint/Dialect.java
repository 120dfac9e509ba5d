package io.pushback.endpoint;

import java.util.Locale;

/** The databases Pushback runs on, told apart by JDBC URL alone. */
public enum Dialect {
  SQLITE("sqlite"),
  POSTGRESQL("postgresql");

  private final String migrationFolder;

  Dialect(String migrationFolder) {
    this.migrationFolder = migrationFolder;
  }

  /** The classpath location of this dialect's versioned migrations. */
  public String migrationLocation() {
    return "classpath:db/migration/" + migrationFolder;
  }

  /** The dialect of {@code jdbcUrl}; throws naming the URL's scheme when it is neither. */
  public static Dialect fromJdbcUrl(String jdbcUrl) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    int end = url.indexOf(':', 5);
    throw new IllegalArgumentException(
        "expected a jdbc:sqlite: or jdbc:postgresql: URL but found one starting "
            + (end > 0 ? url.substring(0, end + 1) : "'" + url + "'"));
  }
}
