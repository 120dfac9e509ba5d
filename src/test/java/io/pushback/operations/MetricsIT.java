package io.pushback.operations;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.app.Settings;
import io.pushback.testing.LogCapture;
import io.pushback.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.logging.JettyLoggerFactory;
import org.eclipse.jetty.logging.StdErrAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus scrape at {@code GET /admin/api/v1/metrics}: behind the admin token, and after an
 * accepted and a rejected pushback it shows the delivery counters by endpoint and outcome, the
 * verification and saga timers, the queue depth and the JVM's basics; each outcome also gets one
 * key=value log line.
 */
final class MetricsIT {
  private static final String TOKEN = "metrics-it-bearer-token-0123456789";
  private static final String SCRAPE = "/admin/api/v1/metrics";

  private static TestServer server;
  private static long endpoint;
  private static String scrape;
  private static String log;

  @BeforeAll
  static void sendAnAcceptedAndARejectedPushback() throws Exception {
    server = TestServer.start(List.of());
    server.createPartner("acme");
    JsonNode created =
        server.createEndpoint(
            "acme", "loan-status", "log", "{\"method\":\"bearer\",\"token\":\"" + TOKEN + "\"}");
    endpoint = created.path("id").asLong();
    String path = created.path("path").asText();
    try (LogCapture capture = captureLog()) {
      assertThat(pushback(path, TOKEN).statusCode()).isEqualTo(200);
      assertThat(pushback(path, "not-the-endpoint-token-at-all").statusCode()).isEqualTo(401);
      log = capture.text();
    }
    HttpResponse<String> response = scrape(Optional.of(TestServer.ADMIN_TOKEN));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/plain")
        .contains("version=0.0.4");
    scrape = response.body();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void countsDeliveriesByEndpointAndOutcome() {
    String id = Long.toString(endpoint);

    assertThat(sample("pushback_deliveries_total", Map.of("endpoint", id, "outcome", "succeeded")))
        .isEqualTo(1.0);
    assertThat(sample("pushback_deliveries_total", Map.of("endpoint", id, "outcome", "rejected")))
        .isEqualTo(1.0);
  }

  @Test
  void timesVerificationsAndSagas() {
    assertThat(sample("pushback_verification_seconds_count", Map.of("result", "accepted")))
        .isEqualTo(1.0);
    assertThat(sample("pushback_verification_seconds_count", Map.of("result", "rejected")))
        .isEqualTo(1.0);
    assertThat(sample("pushback_saga_seconds_count", Map.of("saga", "log", "result", "succeeded")))
        .isEqualTo(1.0);
    assertThat(sample("pushback_saga_seconds_sum", Map.of("saga", "log", "result", "succeeded")))
        .isGreaterThan(0.0);
  }

  @Test
  void showsTheQueueDepthAndTheJvm() {
    assertThat(sample("pushback_queue_depth", Map.of())).isEqualTo(0.0);
    assertThat(scrape).contains("jvm_memory_used_bytes", "process_uptime_seconds");
  }

  @Test
  void logsOneKeyValueLinePerOutcome() {
    String prefix = "delivery=\\d+ endpoint=" + endpoint + " saga=log ";

    assertThat(log)
        .containsPattern(prefix + "outcome=succeeded status=200 attempts=1 duration_ms=\\d+\\R")
        .containsPattern(
            prefix
                + "outcome=rejected status=401 attempts=0 duration_ms=\\d+"
                + " reason=\"credential [A-Za-z_]+\"\\R");
    assertThat(log).doesNotContain(TOKEN);
  }

  @Test
  void refusesTheScrapeWithoutTheAdminToken() throws Exception {
    for (Optional<String> token : List.of(Optional.<String>empty(), Optional.of(TOKEN))) {
      HttpResponse<String> response = scrape(token);

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
      assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
    }
  }

  @Test
  void hasNoScrapeWhenTheAdminApiIsOff() throws Exception {
    try (TestServer off = TestServer.start(Map.of(Settings.ADMIN_TOKEN, ""), List.of())) {
      HttpResponse<String> response =
          off.send(
              HttpRequest.newBuilder(off.uri(SCRAPE))
                  .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                  .build());

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).isEqualTo("{\"error\":\"not_found\"}");
    }
  }

  /** The value of the one sample of {@code name} carrying at least {@code labels}. */
  private static double sample(String name, Map<String, String> labels) {
    Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$");
    List<Double> values =
        scrape
            .lines()
            .map(line::matcher)
            .filter(Matcher::matches)
            .filter(m -> hasLabels(m.group(1), labels))
            .map(m -> Double.parseDouble(m.group(2)))
            .toList();
    assertThat(values).as(name + labels + " in\n" + scrape).hasSize(1);
    return values.get(0);
  }

  private static boolean hasLabels(String block, Map<String, String> labels) {
    String text = block == null ? "" : block;
    return labels.entrySet().stream()
        .allMatch(e -> text.contains(e.getKey() + "=\"" + e.getValue() + "\""));
  }

  private static HttpResponse<String> pushback(String path, String token)
      throws IOException, InterruptedException {
    return server.send(
        HttpRequest.newBuilder(server.uri(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"loanId\":\"L-1\"}", UTF_8))
            .build());
  }

  private static HttpResponse<String> scrape(Optional<String> token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(SCRAPE)).GET();
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return server.send(request.build());
  }

  /**
   * A {@link LogCapture} on an appender with an explicit stream (Jetty's keeps none until one is
   * set, and the capture tees into the one it finds).
   */
  private static LogCapture captureLog() {
    JettyLoggerFactory factory = (JettyLoggerFactory) LoggerFactory.getILoggerFactory();
    StdErrAppender appender = (StdErrAppender) factory.getJettyLogger("io.pushback").getAppender();
    if (appender.getStream() == null) {
      appender.setStream(System.err);
    }
    return LogCapture.start();
  }
}
