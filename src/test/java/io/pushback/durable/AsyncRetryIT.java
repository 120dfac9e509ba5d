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
 * Async endpoints: 202 once stored, retries with backoff, the dead state, and replay from the admin
 * API.
 */
final class AsyncRetryIT {
  private static final int MAX_ATTEMPTS = 3;
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static final CountingSaga counting = new CountingSaga("count");
  private static final FailingSaga flaky = new FailingSaga("fails-twice", 2);
  private static final FailingSaga broken = FailingSaga.always("always-fails");

  private static TestServer server;
  private static PushbackClient client;

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            Map.of(
                Settings.MAX_ATTEMPTS, String.valueOf(MAX_ATTEMPTS),
                Settings.RETRY_BASE, "PT0.05S",
                Settings.POLL_INTERVAL, "PT0.05S"),
            List.of(counting, flaky, broken));
    client = new PushbackClient(server.port());
    client.createPartner("acme");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void answers202AcceptedWithTheDeliveryIdOnceStored() throws Exception {
    SignedEndpoint endpoint =
        client.createSignedEndpoint("acme", "accepting", "count", "\"mode\":\"async\"", "");

    HttpResponse<String> response = client.post(endpoint, "{\"event\":\"accepted-1\"}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
        .isEqualToIgnoringCase("application/json;charset=utf-8");
    JsonNode answer = client.json(response);
    assertThat(answer.fieldNames()).toIterable().containsExactly("status", "delivery");
    assertThat(answer.get("status").asText()).isEqualTo("accepted");
    long id = Long.parseLong(answer.get("delivery").asText());
    JsonNode delivery = client.awaitOutcome(id, "succeeded", WAIT);
    assertThat(delivery.get("endpoint").asLong()).isEqualTo(endpoint.id());
    assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
    assertThat(counting.runs("accepted-1")).isEqualTo(1);
  }

  @Test
  void retriesAFailingSagaUntilItSucceeds() throws Exception {
    SignedEndpoint endpoint =
        client.createSignedEndpoint("acme", "flaky", "fails-twice", "\"mode\":\"async\"", "");

    long id = acceptedId(client.post(endpoint, "{\"event\":\"flaky-1\"}"));

    JsonNode delivery = client.awaitOutcome(id, "succeeded", WAIT);
    assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
    assertThat(flaky.runs(id)).isEqualTo(3);
  }

  @Test
  void endsDeadAfterTheLastAllowedAttemptAndRunsAgainWhenReplayed() throws Exception {
    SignedEndpoint endpoint =
        client.createSignedEndpoint("acme", "broken", "always-fails", "\"mode\":\"async\"", "");
    long id = acceptedId(client.post(endpoint, "{\"event\":\"broken-1\"}"));

    JsonNode dead = client.awaitOutcome(id, "dead", WAIT);
    assertThat(dead.get("attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
    assertThat(dead.get("reason").asText()).contains("always-fails");
    assertThat(broken.runs(id)).isEqualTo(MAX_ATTEMPTS);
    assertThat(client.deliveryIds(endpoint.id(), "dead")).containsExactly(id);

    broken.heal();
    JsonNode replayed = client.admin("POST", "/deliveries/" + id + "/replay", null, 202);

    assertThat(replayed.get("id").asLong()).isEqualTo(id);
    client.awaitOutcome(id, "succeeded", WAIT);
    assertThat(broken.runs(id)).isEqualTo(MAX_ATTEMPTS + 1);
    assertThat(client.deliveryIds(endpoint.id(), "dead")).isEmpty();
    assertThat(client.deliveryIds(endpoint.id(), "succeeded")).containsExactly(id);
  }

  @Test
  void refusesToReplayARejectedDelivery() {
    SignedEndpoint endpoint =
        client.createSignedEndpoint("acme", "guarded", "count", "\"mode\":\"async\"", "");
    assertThat(
            client
                .postSignedAs(endpoint, "{\"event\":\"forged\"}", endpoint.sign("another body"))
                .statusCode())
        .isEqualTo(401);
    List<Long> rejected = client.deliveryIds(endpoint.id(), "rejected");
    assertThat(rejected).hasSize(1);

    HttpResponse<String> response =
        client.admin("POST", "/deliveries/" + rejected.get(0) + "/replay", null);

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(client.delivery(rejected.get(0)).get("outcome").asText()).isEqualTo("rejected");
    assertThat(counting.runs("forged")).isZero();
  }

  private static long acceptedId(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return client.json(response).get("delivery").asLong();
  }
}
