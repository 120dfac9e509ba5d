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
import org.junit.jupiter.api.Test;

/**
 * Step sagas through a real server: compensation in reverse order, resuming at the failed step, and
 * success.
 */
final class StepSagaIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void syncSagaFailingAtStepThreeCompensatesStepTwoThenStepOne() throws Exception {
    RecordingStepSaga saga = new RecordingStepSaga("fails-at-3", 4, 3);
    try (TestServer server = TestServer.start(Map.of(), List.of(saga))) {
      PushbackClient client = new PushbackClient(server.port());
      client.createPartner("acme");
      SignedEndpoint endpoint =
          client.createSignedEndpoint("acme", "steps", "fails-at-3", "\"mode\":\"sync\"", "");

      HttpResponse<String> response = client.post(endpoint, "{\"event\":\"e-1\"}");

      assertThat(response.statusCode()).isEqualTo(500);
      JsonNode answer = client.json(response);
      assertThat(answer.get("error").asText()).isEqualTo("saga_failed");
      assertThat(saga.journal()).containsExactly("run 1", "run 2", "run 3", "undo 2", "undo 1");
      JsonNode delivery = client.delivery(answer.get("delivery").asLong());
      assertThat(delivery.get("outcome").asText()).isEqualTo("failed");
      assertThat(delivery.get("status").asInt()).isEqualTo(500);
    }
  }

  @Test
  void asyncSagaResumesAtTheFailedStepThenCompensatesInReverseAndEndsDead() throws Exception {
    RecordingStepSaga saga = new RecordingStepSaga("fails-at-3", 4, 3);
    Map<String, String> settings =
        Map.of(
            Settings.MAX_ATTEMPTS, "2",
            Settings.RETRY_BASE, "PT0.05S",
            Settings.POLL_INTERVAL, "PT0.05S");
    try (TestServer server = TestServer.start(settings, List.of(saga))) {
      PushbackClient client = new PushbackClient(server.port());
      client.createPartner("acme");
      SignedEndpoint endpoint =
          client.createSignedEndpoint("acme", "steps", "fails-at-3", "\"mode\":\"async\"", "");

      HttpResponse<String> response = client.post(endpoint, "{\"event\":\"e-1\"}");

      assertThat(response.statusCode()).isEqualTo(202);
      JsonNode delivery =
          client.awaitOutcome(client.json(response).get("delivery").asLong(), "dead", WAIT);
      assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
      // The retry starts at step 3: steps 1 and 2 completed and are not run again.
      assertThat(saga.journal())
          .containsExactly("run 1", "run 2", "run 3", "run 3", "undo 2", "undo 1");
    }
  }

  @Test
  void asyncSagaThatSucceedsCompletesEveryStep() throws Exception {
    RecordingStepSaga saga = new RecordingStepSaga("four-steps", 4, 0);
    try (TestServer server =
        TestServer.start(Map.of(Settings.POLL_INTERVAL, "PT0.05S"), List.of(saga))) {
      PushbackClient client = new PushbackClient(server.port());
      client.createPartner("acme");
      SignedEndpoint endpoint =
          client.createSignedEndpoint("acme", "steps", "four-steps", "\"mode\":\"async\"", "");

      HttpResponse<String> response = client.post(endpoint, "{\"event\":\"e-1\"}");

      assertThat(response.statusCode()).isEqualTo(202);
      JsonNode delivery =
          client.awaitOutcome(client.json(response).get("delivery").asLong(), "succeeded", WAIT);
      assertThat(delivery.get("completedSteps").asInt()).isEqualTo(4);
      assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
      assertThat(saga.journal()).containsExactly("run 1", "run 2", "run 3", "run 4");
    }
  }
}
