package io.pushback.container;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built WAR on the real Jetty 12 distribution, deployed by the repository's {@code jetty-base/}
 * exactly as an operator would: a copy of the base with the WAR in {@code webapps/}, {@code java
 * -jar start.jar} in a child process on a free port, then the admin API and a pushback over HTTP.
 *
 * <p>Failsafe passes {@code pushback.war}, {@code jetty.home} (unpacked in pre-integration-test)
 * and {@code jetty.base.template}; a missing one fails the test rather than skipping it. The
 * child's console goes to {@code jetty-output.log} in the copied base; its tail is part of every
 * failure message, and the temporary directory is kept when a test fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class StandaloneJettyIT {
  private static final String ADMIN_TOKEN = "standalone-jetty-admin-token-0123456789";
  private static final String SECRET = "acme-shared-hmac-secret";
  private static final String SIGNATURE_HEADER = "PUSHBACK_SIGNATURE";
  private static final Duration START_DEADLINE = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final int LOG_TAIL_LINES = 80;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final ObjectMapper json = new ObjectMapper();

  private Path base;
  private Path output;
  private Process jetty;
  private URI root;

  @BeforeAll
  void startJetty(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path directory) throws Exception {
    Path war = requireFile("pushback.war", pathProperty("pushback.war"));
    Path startJar = requireFile("jetty.home", pathProperty("jetty.home").resolve("start.jar"));
    Path template = pathProperty("jetty.base.template");
    requireFile("jetty.base.template", template.resolve("webapps/pushback.xml"));

    base = directory.resolve("base");
    copyBase(template, base);
    Files.copy(war, base.resolve("webapps/pushback.war"));
    Path scratch = Files.createDirectories(directory.resolve("tmp"));
    output = base.resolve("jetty-output.log");

    int port = freePort();
    root = URI.create("http://127.0.0.1:" + port);
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + scratch,
                "-DPUSHBACK_ADMIN_TOKEN=" + ADMIN_TOKEN,
                "-jar",
                startJar.toString(),
                "jetty.http.host=127.0.0.1",
                "jetty.http.port=" + port)
            .directory(base.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    // Environment variables outrank system properties: keep the build shell's settings out.
    builder.environment().keySet().removeIf(name -> name.startsWith("PUSHBACK_"));
    jetty = builder.start();
    awaitHealthy();
  }

  @AfterAll
  void stopJetty() throws InterruptedException {
    if (jetty == null) {
      return;
    }
    jetty.destroy();
    if (!jetty.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
      jetty.destroyForcibly();
      jetty.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
    }
  }

  @Test
  void reportsHealthAtTheRootContext() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(root.resolve("/health")).GET());

    assertThat(response.statusCode()).as(() -> describe("GET /health", response)).isEqualTo(200);
    assertThat(json.readTree(response.body()).path("status").asText()).isEqualTo("up");
  }

  @Test
  void runsTheSagaOfACorrectlySignedPushback() throws Exception {
    String key = createSignatureEndpoint("acme");
    byte[] body = "{\"loanId\":\"L-1001\",\"status\":\"approved\"}".getBytes(UTF_8);

    HttpResponse<String> response = pushback(key, body, sign(SECRET, body));

    assertThat(response.statusCode())
        .as(() -> describe("signed pushback", response))
        .isEqualTo(200);
    JsonNode answer = json.readTree(response.body());
    assertThat(answer.path("status").asText()).isEqualTo("success");
    assertThat(answer.path("delivery").asText()).isNotBlank();
  }

  @Test
  void refusesAPushbackSignedWithAnotherSecret() throws Exception {
    String key = createSignatureEndpoint("globex");
    byte[] body = "{\"loanId\":\"L-1002\",\"status\":\"declined\"}".getBytes(UTF_8);

    HttpResponse<String> response = pushback(key, body, sign("not-the-shared-secret", body));

    assertThat(response.statusCode())
        .as(() -> describe("badly signed pushback", response))
        .isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
  }

  @Test
  void logsThroughJettyAndKeepsTheStoreUnderTheBase() throws IOException {
    String log = Files.readString(output, UTF_8);

    assertThat(log)
        .as(
            () ->
                "the webapp's SLF4J must bind to Jetty's logging (webapps/pushback.xml)\n" + tail())
        .contains("PushbackApplication")
        .doesNotContain("No SLF4J providers were found")
        .doesNotContain("multiple SLF4J providers");
    assertThat(base.resolve("data/pushback.db")).as(this::tail).isRegularFile();
  }

  /**
   * Creates partner {@code slug} with a {@code signature} endpoint under the shared secret; returns
   * its key.
   */
  private String createSignatureEndpoint(String slug) throws IOException, InterruptedException {
    admin("/partners", "{\"slug\":\"" + slug + "\",\"name\":\"Partner " + slug + "\"}");
    JsonNode endpoint =
        admin(
            "/partners/" + slug + "/endpoints",
            "{\"name\":\"loan-status\",\"saga\":\"log\","
                + "\"security\":{\"method\":\"signature\",\"secret\":\""
                + SECRET
                + "\"}}");
    String key = endpoint.path("key").asText();
    assertThat(key).as(() -> "endpoint answer without a key: " + endpoint).isNotBlank();
    return key;
  }

  /** An admin API create that must answer 201; its body. */
  private JsonNode admin(String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(root.resolve("/admin/api/v1" + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(response.statusCode()).as(() -> describe("POST " + path, response)).isEqualTo(201);
    return json.readTree(response.body());
  }

  private HttpResponse<String> pushback(String key, byte[] body, String signature)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(root.resolve("/pushback/" + key))
            .header("Content-Type", "application/json")
            .header(SIGNATURE_HEADER, signature)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Base64(HMAC-SHA256(secret, body)): the reference value of the {@code signature} method. */
  private static String sign(String secret, byte[] body) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(body));
  }

  /** Polls {@code GET /health} until it answers 200, the child exits, or the deadline passes. */
  private void awaitHealthy() throws InterruptedException {
    Instant deadline = Instant.now().plus(START_DEADLINE);
    String last = "no answer yet";
    while (Instant.now().isBefore(deadline)) {
      if (!jetty.isAlive()) {
        throw new AssertionError(
            "Jetty exited with status "
                + jetty.exitValue()
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
        "GET /health did not answer 200 within "
            + START_DEADLINE
            + "; last: "
            + last
            + "\n"
            + tail());
  }

  /**
   * The template base without what a local run may have left in it: a WAR, the store, logs, work
   * files.
   */
  private static void copyBase(Path template, Path target) throws IOException {
    List<String> leftovers = List.of("data", "logs", "work");
    try (Stream<Path> paths = Files.walk(template)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path relative = template.relativize(source);
        boolean leftover =
            leftovers.contains(relative.getName(0).toString())
                || source.getFileName().toString().endsWith(".war");
        if (leftover) {
          continue;
        }
        Path copy = target.resolve(relative.toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /**
   * The path in system property {@code property}: a failure (never a skip) when the build did not
   * set it.
   */
  private static Path pathProperty(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new AssertionError(
          "system property "
              + property
              + " is not set: run this test through failsafe (mvn verify)");
    }
    return Path.of(value);
  }

  private static Path requireFile(String property, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new AssertionError(
          "expected "
              + file
              + " (from system property "
              + property
              + ") to be a file: mvn verify packages the WAR and unpacks jetty-home"
              + " before the integration tests");
    }
    return file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private String describe(String call, HttpResponse<String> response) {
    return call + " answered " + response.statusCode() + " " + response.body() + "\n" + tail();
  }

  /** The last lines of the child's console, for failure messages. */
  private String tail() {
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
}
