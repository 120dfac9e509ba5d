package io.pushback.durable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.app.Settings;
import io.pushback.durable.PushbackClient.SignedEndpoint;
import io.pushback.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An async delivery is handed to this node's workers as soon as it is committed: its saga runs at
 * once although the workers would not claim anything for ten minutes, and a sync delivery without
 * an idempotency key is written once, with its outcome.
 */
final class WorkerHandoffIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static final CountingSaga counting = new CountingSaga("count");

  private static TestServer server;
  private static PushbackClient client;

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            Map.of(Settings.POLL_INTERVAL, "PT10M", Settings.LEASE, "PT3H"), List.of(counting));
    client = new PushbackClient(server.port());
    client.createPartner("acme");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anAsyncDeliveryRunsAtOnceWithoutWaitingForAClaim() throws Exception {
    SignedEndpoint endpoint =
        client.createSignedEndpoint("acme", "handed-over", "count", "\"mode\":\"async\"", "");

    for (int i = 0; i < 20; i++) {
      HttpResponse<String> response = client.post(endpoint, "{\"event\":\"handoff-" + i + "\"}");
      assertThat(response.statusCode()).isEqualTo(202);
      long id = Long.parseLong(client.json(response).get("delivery").asText());

      JsonNode delivery = client.awaitOutcome(id, "succeeded", WAIT);
      assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
      assertThat(counting.runs("handoff-" + i)).isEqualTo(1);
    }
  }

  @Test
  void aSyncDeliveryIsStoredOnceWithItsOutcomeBeforeTheAnswer() throws Exception {
    SignedEndpoint endpoint = client.createSignedEndpoint("acme", "sync-once", "count", "", "");

    HttpResponse<String> response = client.post(endpoint, "{\"event\":\"once-1\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    long id = Long.parseLong(client.json(response).get("delivery").asText());
    JsonNode delivery = client.delivery(id);
    assertThat(delivery.get("outcome").asText()).isEqualTo("succeeded");
    assertThat(delivery.get("status").asInt()).isEqualTo(200);
    assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
    assertThat(counting.runs("once-1")).isEqualTo(1);
  }
}
