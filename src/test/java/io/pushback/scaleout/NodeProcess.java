package io.pushback.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.testing.AdminCalls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@link ScaleOutNode} in a child JVM of its own, on a fixed port, its output in a log file. It
 * is started, SIGKILLed or stopped by the test; {@link ScaleOutCluster} makes them.
 */
final class NodeProcess {
  static final String ADMIN_TOKEN = "scaleout-admin-token-0123456789";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);
  private static final int LOG_TAIL_LINES = 60;

  private final String name;
  private final int port;
  private final Path log;
  private final Map<String, String> settings;
  private final Map<String, String> properties;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private Process process;

  /**
   * A node named {@code name} listening on {@code port}, with {@code settings} as environment
   * variables (only these {@code PUSHBACK_} ones) and {@code properties} as system properties.
   */
  NodeProcess(
      String name,
      int port,
      Path log,
      Map<String, String> settings,
      Map<String, String> properties,
      HttpClient http) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.settings = Map.copyOf(settings);
    this.properties = Map.copyOf(properties);
    this.http = http;
  }

  String name() {
    return name;
  }

  /** Starts the JVM and waits until it serves. */
  void start() throws Exception {
    launch();
    awaitServing();
  }

  /** Starts the JVM without waiting; see {@link #awaitServing()}. */
  void launch() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.add("-D" + ScaleOutNode.NAME + "=" + name);
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), ScaleOutNode.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(variable -> variable.startsWith("PUSHBACK_"));
    builder.environment().putAll(settings);
    process = builder.start();
  }

  /** Waits until the node answers its health check; fails if it dies first. */
  void awaitServing() throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!healthy()) {
      // Waiting on the process both paces the polling and notices at once when it dies.
      if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            "node " + name + " exited with " + process.exitValue() + " before serving");
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "node " + name + " did not serve within " + START_TIMEOUT.toMillis() + " ms");
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

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no shutdown hook runs, no lease is given back. */
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
          "node " + name + " did not exit within " + EXIT_TIMEOUT.toMillis() + " ms of " + signal);
    }
    return process.exitValue();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /**
   * An admin API call that must answer {@code expectedStatus}; its body as JSON. {@code body} may
   * be null.
   */
  JsonNode admin(String method, String path, String body, int expectedStatus) {
    return adminCalls().expect(method, path, body, expectedStatus);
  }

  /** The last lines the node printed. */
  String logTail() {
    if (!Files.exists(log)) {
      return "(no output)";
    }
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** Admin API calls to this node. */
  AdminCalls adminCalls() {
    return new AdminCalls(http, uri("/"), ADMIN_TOKEN, "node " + name);
  }
}
