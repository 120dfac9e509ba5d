package io.pushback.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushback.durable.PushbackClient.SignedEndpoint;
import io.pushback.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A timestamped signature endpoint over a real port: stale and malformed timestamps are a 401,
 * never a 500.
 */
final class ReplayWindowIT {
  private static final String TIMESTAMP = "Webhook-Timestamp";
  private static final String BODY = "{\"event\":\"replay-window\"}";

  private static TestServer server;
  private static PushbackClient client;
  private static SignedEndpoint endpoint;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(List.of(new CountingSaga("count")));
    client = new PushbackClient(server.port());
    client.createPartner("acme");
    endpoint =
        client.createSignedEndpoint(
            "acme", "timestamped", "count", "", "\"timestampHeader\":\"" + TIMESTAMP + "\"");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void acceptsAFreshTimestamp() {
    HttpResponse<String> response = postAt(String.valueOf(Instant.now().getEpochSecond()));

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void refusesAStaleTimestampWith401() {
    long now = Instant.now().getEpochSecond();

    for (long timestamp : new long[] {now - 600, now + 600}) {
      HttpResponse<String> response = postAt(String.valueOf(timestamp));

      assertThat(response.statusCode()).as("timestamp %d", timestamp).isEqualTo(401);
      assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
    }
  }

  @Test
  void refusesMalformedTimestampsWith401() {
    for (String timestamp : new String[] {"abc", "1.5", "-5", "99999999999999999999999999"}) {
      HttpResponse<String> response = postAt(timestamp);

      assertThat(response.statusCode()).as("timestamp '%s'", timestamp).isEqualTo(401);
      assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
    }
  }

  /** A POST signed correctly over {@code {timestamp}.{body}} with {@code timestamp} as sent. */
  private static HttpResponse<String> postAt(String timestamp) {
    return client.postSignedAs(
        endpoint, BODY, endpoint.sign(timestamp + "." + BODY), TIMESTAMP, timestamp);
  }
}
