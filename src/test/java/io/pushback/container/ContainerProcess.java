package io.pushback.container;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A servlet container running as a child process: started with its console in a file, considered up
 * once {@code GET /health} answers 200, stopped with SIGTERM and, after a grace period, killed. The
 * tail of its console goes into every failure message. Not thread-safe.
 */
final class ContainerProcess implements PushbackContainer {
  private static final Duration START_DEADLINE = Duration.ofSeconds(90);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final int LOG_TAIL_LINES = 80;

  private final String name;
  private final Process process;
  private final Path output;
  private final URI root;
  private final String adminToken;

  private ContainerProcess(String name, Process process, Path output, URI root, String adminToken) {
    this.name = name;
    this.process = process;
    this.output = output;
    this.root = root;
    this.adminToken = adminToken;
  }

  /**
   * Starts {@code builder} with its console redirected to {@code output} and without the build's
   * {@code PUSHBACK_*} environment (it outranks system properties), then waits for {@code root}'s
   * {@code /health}. A container that exits or stays unhealthy is killed and fails the caller.
   */
  static ContainerProcess start(
      String name, ProcessBuilder builder, Path output, URI root, String adminToken)
      throws IOException, InterruptedException {
    builder.redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().keySet().removeIf(variable -> variable.startsWith("PUSHBACK_"));
    ContainerProcess container =
        new ContainerProcess(name, builder.start(), output, root, adminToken);
    try {
      container.awaitHealthy();
    } catch (AssertionError | InterruptedException e) {
      container.stop();
      throw e;
    }
    return container;
  }

  @Override
  public URI root() {
    return root;
  }

  @Override
  public String adminToken() {
    return adminToken;
  }

  /** The file the child's console goes to. */
  Path output() {
    return output;
  }

  @Override
  public String diagnostics() {
    return tail();
  }

  /** SIGTERM, so the container stops its webapps (and Pushback its store); a kill if it hangs. */
  @Override
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private void awaitHealthy() throws InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    Instant deadline = Instant.now().plus(START_DEADLINE);
    String last = "no answer yet";
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError(
            name
                + " exited with status "
                + process.exitValue()
                + " before /health answered\n"
                + tail());
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(root.resolve("/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException notListeningYet) {
        last = notListeningYet.toString();
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
    throw new AssertionError(
        name
            + ": GET /health did not answer 200 within "
            + START_DEADLINE
            + "; last: "
            + last
            + "\n"
            + tail());
  }

  /** The last lines of the child's console. */
  String tail() {
    if (!Files.exists(output)) {
      return "(" + name + " wrote no output to " + output + ")";
    }
    try {
      List<String> lines = Files.readAllLines(output, UTF_8);
      List<String> last = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
      return "--- last " + last.size() + " lines of " + output + " ---\n" + String.join("\n", last);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the output of " + name + " in " + output, e);
    }
  }

  /** The java executable of the JVM running the tests. */
  static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * The path in system property {@code property}: a failure (never a skip) when the build did not
   * set it.
   */
  static Path pathProperty(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new AssertionError(
          "system property "
              + property
              + " is not set: run this test through failsafe (mvn verify)");
    }
    return Path.of(value);
  }

  /** {@code file}, which must exist; {@code property} names where its path came from. */
  static Path requireFile(String property, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new AssertionError(
          "expected "
              + file
              + " (from system property "
              + property
              + ") to be a file: mvn verify packages the WAR and unpacks jetty-home and Tomcat"
              + " before the integration tests");
    }
    return file;
  }

  /** The jar the SQLite JDBC driver was loaded from (the build's own copy). */
  static Path sqliteDriverJar() {
    try {
      return Path.of(
          Class.forName("org.sqlite.JDBC")
              .getProtectionDomain()
              .getCodeSource()
              .getLocation()
              .toURI());
    } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
      throw new AssertionError("the SQLite JDBC driver is not on the test class path", e);
    }
  }
}
