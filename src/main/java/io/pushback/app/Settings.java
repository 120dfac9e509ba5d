package io.pushback.app;

import io.pushback.auth.Secret;
import io.pushback.endpoint.MasterKey;
import io.pushback.network.TrustedProxies;
import java.nio.file.Path;
import java.time.Duration;
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
 * @param dbTimeout how long a request waits for the store before it counts as unavailable (503)
 * @param workers how many asynchronous sagas run at once on this node
 * @param maxAttempts how many times an asynchronous saga runs before its delivery is dead
 * @param retryBase the wait after the first failed run; it doubles after each further one
 * @param retryMax the longest wait between runs
 * @param lease how long a node holds a delivery it runs before another node may take it
 * @param pollInterval how often idle workers look for due deliveries
 * @param shutdownGrace how long running sagas may finish at shutdown
 * @param keptRejections how many rejected deliveries are kept per endpoint (all are counted)
 * @param bodyTimeout how long a request body may take to arrive
 * @param requireHttps whether endpoints that set nothing refuse plain HTTP with 403
 * @param trustedProxies the proxies whose forwarding headers are believed
 * @param masterKey the key that seals credential secrets at rest, when given directly
 * @param masterKeyFile the file holding that key, when not beside the SQLite database
 */
public record Settings(
    int port,
    String dbUrl,
    Optional<String> dbUser,
    Optional<Secret> dbPassword,
    Optional<Secret> adminToken,
    long maxBodyBytes,
    int dbPoolSize,
    Duration dbTimeout,
    int workers,
    int maxAttempts,
    Duration retryBase,
    Duration retryMax,
    Duration lease,
    Duration pollInterval,
    Duration shutdownGrace,
    int keptRejections,
    Duration bodyTimeout,
    boolean requireHttps,
    TrustedProxies trustedProxies,
    Optional<MasterKey> masterKey,
    Optional<Path> masterKeyFile) {
  public static final String PORT = "PUSHBACK_PORT";
  public static final String DB_URL = "PUSHBACK_DB_URL";
  public static final String DB_USER = "PUSHBACK_DB_USER";
  public static final String DB_PASSWORD = "PUSHBACK_DB_PASSWORD";
  public static final String ADMIN_TOKEN = "PUSHBACK_ADMIN_TOKEN";
  public static final String MAX_BODY_BYTES = "PUSHBACK_MAX_BODY_BYTES";
  public static final String DB_POOL_SIZE = "PUSHBACK_DB_POOL_SIZE";
  public static final String DB_TIMEOUT = "PUSHBACK_DB_TIMEOUT";
  public static final String WORKERS = "PUSHBACK_WORKERS";
  public static final String MAX_ATTEMPTS = "PUSHBACK_MAX_ATTEMPTS";
  public static final String RETRY_BASE = "PUSHBACK_RETRY_BASE";
  public static final String RETRY_MAX = "PUSHBACK_RETRY_MAX";
  public static final String LEASE = "PUSHBACK_LEASE";
  public static final String POLL_INTERVAL = "PUSHBACK_POLL_INTERVAL";
  public static final String SHUTDOWN_GRACE = "PUSHBACK_SHUTDOWN_GRACE";
  public static final String KEPT_REJECTIONS = "PUSHBACK_KEPT_REJECTIONS";
  public static final String BODY_TIMEOUT = "PUSHBACK_BODY_TIMEOUT";
  public static final String REQUIRE_HTTPS = "PUSHBACK_REQUIRE_HTTPS";
  public static final String TRUSTED_PROXIES = "PUSHBACK_TRUSTED_PROXIES";
  public static final String MASTER_KEY = "PUSHBACK_MASTER_KEY";
  public static final String MASTER_KEY_FILE = "PUSHBACK_MASTER_KEY_FILE";

  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_DB_URL = "jdbc:sqlite:pushback.db";
  public static final long DEFAULT_MAX_BODY_BYTES = 1_048_576;
  public static final int DEFAULT_DB_POOL_SIZE = 8;
  public static final Duration DEFAULT_DB_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_WORKERS = 4;
  public static final int DEFAULT_MAX_ATTEMPTS = 8;
  public static final Duration DEFAULT_RETRY_BASE = Duration.ofSeconds(1);
  public static final Duration DEFAULT_RETRY_MAX = Duration.ofHours(1);
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
  public static final int DEFAULT_KEPT_REJECTIONS = 1_000;
  public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(20);

  public Settings {
    Objects.requireNonNull(dbUrl, "dbUrl");
    Objects.requireNonNull(dbUser, "dbUser");
    Objects.requireNonNull(dbPassword, "dbPassword");
    Objects.requireNonNull(adminToken, "adminToken");
    Objects.requireNonNull(trustedProxies, "trustedProxies");
    Objects.requireNonNull(masterKey, "masterKey");
    Objects.requireNonNull(masterKeyFile, "masterKeyFile");
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
        + ", workers="
        + workers
        + ", requireHttps="
        + requireHttps
        + ", trustedProxies="
        + trustedProxies
        + "]";
  }
}
