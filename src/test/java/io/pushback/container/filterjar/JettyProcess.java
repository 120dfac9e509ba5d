package io.pushback.container.filterjar;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The standalone Jetty distribution in a child process: {@code java -jar start.jar} in a base
 * directory, on a free port of 127.0.0.1, its console in {@code jetty-output.log} in the base.
 * {@link #stop()} stops it (SIGTERM, then forcibly). Not thread-safe.
 */
final class JettyProcess {
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final int LOG_TAIL_LINES = 80;

  private final Process process;
  private final Path output;
  private final URI root;

  private JettyProcess(Process process, Path output, URI root) {
    this.process = process;
    this.output = output;
    this.root = root;
  }

  /** Starts {@code home}'s {@code start.jar} in {@code base}; temporary files go to {@code tmp}. */
  static JettyProcess start(Path home, Path base, Path tmp) throws IOException {
    int port = freePort();
    Path output = base.resolve("jetty-output.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-jar");
    command.add(home.resolve("start.jar").toString());
    command.add("jetty.http.host=127.0.0.1");
    command.add("jetty.http.port=" + port);
    Process process =
        new ProcessBuilder(command)
            .directory(base.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    return new JettyProcess(process, output, URI.create("http://127.0.0.1:" + port));
  }

  URI uri(String path) {
    return root.resolve(path);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int exitValue() {
    return process.exitValue();
  }

  /** The last lines of the child's console, for failure messages. */
  String tail() {
    if (!Files.exists(output)) {
      return "(Jetty wrote no output to " + output + ")";
    }
    try {
      List<String> lines = Files.readAllLines(output, UTF_8);
      List<String> last = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
      return "--- last " + last.size() + " lines of " + output + " ---\n" + String.join("\n", last);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Jetty output " + output, e);
    }
  }

  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
