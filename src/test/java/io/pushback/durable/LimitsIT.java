package io.pushback.durable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.app.Settings;
import io.pushback.durable.PushbackClient.SignedEndpoint;
import io.pushback.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The limits that keep a sender from holding memory, threads or disk: body size, body time, kept
 * rejections.
 */
final class LimitsIT {
  private static final int MAX_BODY = 1024;
  private static final int KEPT_REJECTIONS = 10;

  /**
   * {@code DeliveryStore} prunes old rejections once every so many; between two prunes they pile
   * up.
   */
  private static final int PRUNE_EVERY = 64;

  private static final Duration BODY_TIMEOUT = Duration.ofSeconds(3);

  private static TestServer server;
  private static PushbackClient client;
  private static SignedEndpoint limited;

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            Map.of(
                Settings.KEPT_REJECTIONS, String.valueOf(KEPT_REJECTIONS),
                Settings.BODY_TIMEOUT, BODY_TIMEOUT.toString()),
            List.of(new CountingSaga("count")));
    client = new PushbackClient(server.port());
    client.createPartner("acme");
    limited =
        client.createSignedEndpoint("acme", "limited", "count", "\"maxBodyBytes\":" + MAX_BODY, "");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void refusesAnOversizedContentLengthBeforeTheBodyIsSent() throws IOException {
    try (RawConnection connection = RawConnection.open(server.port(), Duration.ofSeconds(5))) {
      connection.write(
          RawConnection.head(
              limited.path(),
              "Content-Type: application/json",
              "PUSHBACK_SIGNATURE: " + limited.sign("{}"),
              "Content-Length: " + (MAX_BODY + 1)));

      // No body byte is ever sent: an answer that waited for one would time the read out.
      RawConnection.Answer answer = connection.readAnswer();

      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.body()).isEqualTo("{\"error\":\"payload_too_large\"}");
    }
  }

  @Test
  void refusesAChunkedBodyOnceItPassesTheLimit() throws IOException {
    byte[] chunk = new byte[1000];
    Arrays.fill(chunk, (byte) 'a');
    try (RawConnection connection = RawConnection.open(server.port(), Duration.ofSeconds(5))) {
      StringBuilder request =
          new StringBuilder(
              RawConnection.head(
                  limited.path(),
                  "Content-Type: text/plain",
                  "PUSHBACK_SIGNATURE: " + limited.sign("{}"),
                  "Transfer-Encoding: chunked"));
      for (int i = 0; i < 4; i++) {
        request
            .append(Integer.toHexString(chunk.length))
            .append("\r\n")
            .append(new String(chunk, StandardCharsets.US_ASCII))
            .append("\r\n");
      }
      connection.write(request.append("0\r\n\r\n").toString());

      RawConnection.Answer answer = connection.readAnswer();

      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.body()).isEqualTo("{\"error\":\"payload_too_large\"}");
    }
  }

  @Test
  void keepsABoundedNumberOfRejectionsAndCountsThemAll() {
    SignedEndpoint flooded = client.createSignedEndpoint("acme", "flooded", "count", "", "");
    int requests = 200;

    for (int i = 0; i < requests; i++) {
      assertThat(
              client
                  .postSignedAs(flooded, "{\"event\":\"bad-" + i + "\"}", flooded.sign("forged"))
                  .statusCode())
          .isEqualTo(401);
    }

    JsonNode listed = client.deliveries(flooded.id(), "rejected");
    assertThat(listed.get("rejectedTotal").asLong()).isEqualTo(requests);
    assertThat(listed.get("deliveries").size())
        .isGreaterThanOrEqualTo(KEPT_REJECTIONS)
        .isLessThanOrEqualTo(KEPT_REJECTIONS + PRUNE_EVERY - 1);
    // The newest are the ones kept.
    assertThat(listed.get("deliveries").get(0).get("body").asText())
        .isEqualTo("{\"event\":\"bad-" + (requests - 1) + "\"}");
  }

  @Test
  void cutsOffATricklingBodyAndFreesTheConnection() throws Exception {
    // The body timeout plus at most one blocking read, which the embedded idle timeout ends (10 s).
    Duration bound = Duration.ofSeconds(15);
    try (RawConnection connection = RawConnection.open(server.port(), bound.plusSeconds(5))) {
      connection.write(
          RawConnection.head(
              limited.path(),
              "Content-Type: application/json",
              "PUSHBACK_SIGNATURE: " + limited.sign("{}"),
              "Content-Length: 100"));
      long started = System.nanoTime();
      Thread trickler =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 100; i++) {
                    connection.write(new byte[] {'x'});
                    Thread.sleep(2_000); // the pacing of a slow sender
                  }
                } catch (IOException serverHungUp) {
                  // As it should: the sender stops.
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "trickler");
      trickler.setDaemon(true);
      trickler.start();
      try {
        RawConnection.Answer answer = connection.readAnswer();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.status()).as("408, or closed without an answer (-1)").isIn(408, -1);
        assertThat(took).isLessThan(bound);
        assertThat(took).isGreaterThanOrEqualTo(BODY_TIMEOUT);
      } finally {
        trickler.interrupt();
        trickler.join(5_000);
      }
    }
    assertThat(client.post(limited, "{\"event\":\"after-trickle\"}").statusCode()).isEqualTo(200);
  }
}
