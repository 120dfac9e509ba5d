package io.pushback.app;

import io.pushback.auth.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * The deployment's settings, typed. Built by {@link SettingsLoader}; immutable. {@link #toString()}
 * hides secrets.
 *
 * @param port the embedded launcher's HTTP port
 * @param dbUrl the JDBC URL of the store ({@code jdbc:sqlite:} or {@code jdbc:postgresql:})
 * @param adminToken the admin API's bearer token; the admin API is off without one
 * @param maxBodyBytes the body limit of endpoints that set none
 * @param dbPoolSize the most connections the pool opens
 */
public record Settings(
    int port,
    String dbUrl,
    Optional<String> dbUser,
    Optional<Secret> dbPassword,
    Optional<Secret> adminToken,
    long maxBodyBytes,
    int dbPoolSize) {
  public static final String PORT = "PUSHBACK_PORT";
  public static final String DB_URL = "PUSHBACK_DB_URL";
  public static final String DB_USER = "PUSHBACK_DB_USER";
  public static final String DB_PASSWORD = "PUSHBACK_DB_PASSWORD";
  public static final String ADMIN_TOKEN = "PUSHBACK_ADMIN_TOKEN";
  public static final String MAX_BODY_BYTES = "PUSHBACK_MAX_BODY_BYTES";
  public static final String DB_POOL_SIZE = "PUSHBACK_DB_POOL_SIZE";

  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_DB_URL = "jdbc:sqlite:pushback.db";
  public static final long DEFAULT_MAX_BODY_BYTES = 1_048_576;
  public static final int DEFAULT_DB_POOL_SIZE = 8;

  public Settings {
    Objects.requireNonNull(dbUrl, "dbUrl");
    Objects.requireNonNull(dbUser, "dbUser");
    Objects.requireNonNull(dbPassword, "dbPassword");
    Objects.requireNonNull(adminToken, "adminToken");
  }

  @Override
  public String toString() {
    return "Settings[port="
        + port
        + ", admin API "
        + (adminToken.isPresent() ? "on" : "off")
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", dbPoolSize="
        + dbPoolSize
        + "]";
  }
}
