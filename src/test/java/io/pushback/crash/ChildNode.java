package io.pushback.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.app.Settings;
import io.pushback.testing.AdminCalls;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A {@link CrashNode} in a child JVM on a fixed free port and one SQLite file, started, SIGKILLed
 * and restarted on the same file by the test. Its output, over all its lives, goes to one log file
 * whose tail is attached to a failing test. A JUnit extension: register it with
 * {@code @RegisterExtension}; it kills a child left running after each test.
 */
final class ChildNode
    implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {
  static final String ADMIN_TOKEN = "crash-admin-token-0123456789";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);
  private static final int LOG_TAIL_LINES = 80;

  /** SQLITE_OPEN_READONLY. */
  private static final String READ_ONLY = "1";

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private final ObjectMapper json = new ObjectMapper();
  private Path directory;
  private int port;
  private Process process;
  private int lives;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    directory = Files.createTempDirectory("pushback-crash");
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
    if (context.getExecutionException().isEmpty()) {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    failure.addSuppressed(
        new AssertionError("child JVM output in " + directory + ", last lines:\n" + logTail()));
    throw failure;
  }

  Path database() {
    return directory.resolve("pushback.db");
  }

  Path countFile() {
    return directory.resolve("count.txt");
  }

  Path stepsFile() {
    return directory.resolve("steps.txt");
  }

  Path blockMarker() {
    return directory.resolve("block-step2");
  }

  /**
   * A read-only connection to the node's database; usable while the node runs (WAL readers do not
   * block it).
   */
  Connection readDatabase() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("open_mode", READ_ONLY);
    return DriverManager.getConnection("jdbc:sqlite:" + database(), properties);
  }

  private Path log() {
    return directory.resolve("child.log");
  }

  /**
   * Starts a new life of the node on the same database and waits until it serves; fails if it dies
   * first.
   */
  void start() throws Exception {
    lives++;
    Files.writeString(
        log(),
        "=== life " + lives + " ===\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
    command.add("-D" + CrashNode.COUNT_FILE + "=" + countFile());
    command.add("-D" + CrashNode.STEPS_FILE + "=" + stepsFile());
    command.add("-D" + CrashNode.BLOCK_MARKER + "=" + blockMarker());
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), CrashNode.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    builder.environment().keySet().removeIf(name -> name.startsWith("PUSHBACK_"));
    builder.environment().put(Settings.PORT, String.valueOf(port));
    builder.environment().put(Settings.DB_URL, "jdbc:sqlite:" + database());
    builder.environment().put(Settings.ADMIN_TOKEN, ADMIN_TOKEN);
    builder.environment().put(Settings.LEASE, "PT2S");
    builder.environment().put(Settings.POLL_INTERVAL, "PT0.1S");
    builder.environment().put(Settings.SHUTDOWN_GRACE, "PT5S");
    process = builder.start();
    awaitServing();
  }

  private void awaitServing() throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!healthy()) {
      // Waiting on the process both paces the polling and notices at once when it dies.
      if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            "the child JVM exited with " + process.exitValue() + " before serving");
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "the child JVM did not serve within " + START_TIMEOUT.toMillis() + " ms");
      }
    }
  }

  private boolean healthy() throws InterruptedException {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(1)).build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or released. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    awaitExit("SIGKILL");
  }

  /** SIGTERM: the node shuts down gracefully; returns its exit code. */
  int stop() throws InterruptedException {
    process.destroy();
    return awaitExit("SIGTERM");
  }

  private int awaitExit(String signal) throws InterruptedException {
    if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "the child JVM did not exit within " + EXIT_TIMEOUT.toMillis() + " ms of " + signal);
    }
    return process.exitValue();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  HttpClient http() {
    return http;
  }

  /**
   * An admin API call that must answer {@code expectedStatus}; its body as JSON. {@code body} may
   * be null.
   */
  JsonNode admin(String method, String path, String body, int expectedStatus) {
    return adminCalls().expect(method, path, body, expectedStatus);
  }

  /** The last lines the child printed, over all its lives. */
  String logTail() {
    if (directory == null || !Files.exists(log())) {
      return "(no output)";
    }
    try {
      List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log() + ": " + e + ")";
    }
  }

  /** Admin API calls to this node. */
  AdminCalls adminCalls() {
    return new AdminCalls(http, uri("/"), ADMIN_TOKEN, "the child node");
  }
}
