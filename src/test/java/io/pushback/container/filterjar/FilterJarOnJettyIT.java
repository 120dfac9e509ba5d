package io.pushback.container.filterjar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.jar.JarFile;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The example application of {@code examples/filter-alone/} on the real Jetty 12 distribution: its
 * WAR holds its own servlet and, in {@code WEB-INF/lib}, only the built filter jar, slf4j-api and
 * bcprov; a fresh Jetty base with {@code ee10-deploy} deploys it from {@code webapps/}. No Pushback
 * WAR, no database.
 *
 * <p>Failsafe passes {@code pushback.filter.jar} (built in the package phase), {@code jetty.home}
 * (unpacked in pre-integration-test) and {@code pushback.examples}; a missing one fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class FilterJarOnJettyIT {
  /** As in examples/filter-alone/src/main/webapp/WEB-INF/web.xml. */
  private static final String SECRET = "example-shared-secret-change-me";

  private static final String HEADER = "X-Loan-Signature";
  private static final String HOOK = "/filter-alone/hooks/loan-status";
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final Duration START_DEADLINE = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private Path war;
  private JettyProcess jetty;

  @BeforeAll
  void deployTheExample(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path directory)
      throws Exception {
    Path filterJar = BuildOutputs.file("pushback.filter.jar");
    Path home = BuildOutputs.directory("jetty.home");
    BuildOutputs.require(home.resolve("start.jar"), "jetty.home");
    Path example = BuildOutputs.directory("pushback.examples").resolve("filter-alone");

    Path base = Files.createDirectories(directory.resolve("base"));
    Files.createDirectories(base.resolve("start.d"));
    Files.writeString(base.resolve("start.d/example.ini"), "--modules=http,ee10-deploy\n", UTF_8);
    Path webapps = Files.createDirectories(base.resolve("webapps"));
    war = webapps.resolve("filter-alone.war");
    ExampleWar.build(
        example,
        List.of(
            filterJar,
            ExampleWar.locationOf(LoggerFactory.class),
            ExampleWar.locationOf(BouncyCastleProvider.class)),
        Files.createDirectories(directory.resolve("work")),
        war);

    jetty = JettyProcess.start(home, base, Files.createDirectories(directory.resolve("tmp")));
    awaitDeployed();
  }

  @AfterAll
  void stopJetty() throws InterruptedException {
    if (jetty != null) {
      jetty.stop();
    }
  }

  @Test
  void theWarCarriesOnlyTheFilterJarSlf4jAndBouncyCastle() throws IOException {
    try (JarFile jar = new JarFile(war.toFile())) {
      List<String> libs =
          jar.stream()
              .map(e -> e.getName())
              .filter(n -> n.startsWith("WEB-INF/lib/"))
              .map(n -> n.substring("WEB-INF/lib/".length()))
              .sorted()
              .toList();

      assertThat(libs).hasSize(3);
      assertThat(libs.get(0)).startsWith("bcprov-jdk18on-");
      assertThat(libs.get(1)).endsWith("-filter.jar");
      assertThat(libs.get(2)).startsWith("slf4j-api-");
    }
  }

  @Test
  void servletSeesTheFormParameterAndVerifiedBodyOfASignedFormPost() throws Exception {
    String body = "loan=L-1001&status=approved&note=caf%C3%A9";

    HttpResponse<String> response = post(body, sign(SECRET, body));

    assertThat(response.statusCode()).as(() -> describe(response)).isEqualTo(200);
    assertThat(response.body()).isEqualTo("status=approved\n" + body);
  }

  @Test
  void refusesAFormPostSignedWithAnotherSecretWith401Json() throws Exception {
    String body = "loan=L-1002&status=declined";

    HttpResponse<String> response = post(body, sign("not-the-shared-secret", body));

    assertThat(response.statusCode()).as(() -> describe(response)).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWithIgnoringCase("application/json");
  }

  @Test
  void refusesAnUnsignedFormPostWith401Json() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(jetty.uri(HOOK))
                .header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofString("status=approved", UTF_8)));

    assertThat(response.statusCode()).as(() -> describe(response)).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
  }

  private HttpResponse<String> post(String body, String signature)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(jetty.uri(HOOK))
            .header("Content-Type", FORM)
            .header(HEADER, signature)
            .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(UTF_8));
  }

  /**
   * Polls with an unsigned POST until the filter answers it (401), the child exits, or the deadline
   * passes.
   */
  private void awaitDeployed() throws InterruptedException {
    Instant deadline = Instant.now().plus(START_DEADLINE);
    String last = "no answer yet";
    while (Instant.now().isBefore(deadline)) {
      if (!jetty.isAlive()) {
        throw new AssertionError(
            "Jetty exited with status " + jetty.exitValue() + " before deploying\n" + jetty.tail());
      }
      try {
        HttpResponse<String> response =
            send(
                HttpRequest.newBuilder(jetty.uri(HOOK))
                    .POST(HttpRequest.BodyPublishers.ofString("")));
        if (response.statusCode() == 401) {
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException notListeningYet) {
        last = notListeningYet.toString();
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
    throw new AssertionError(
        "the example did not answer an unsigned POST with 401 within "
            + START_DEADLINE
            + "; last: "
            + last
            + "\n"
            + jetty.tail());
  }

  private String describe(HttpResponse<String> response) {
    return "POST "
        + HOOK
        + " answered "
        + response.statusCode()
        + " "
        + response.body()
        + "\n"
        + jetty.tail();
  }

  /** Base64(HMAC-SHA256(secret, body)), computed with the JDK alone. */
  private static String sign(String secret, String body) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(UTF_8)));
  }
}
