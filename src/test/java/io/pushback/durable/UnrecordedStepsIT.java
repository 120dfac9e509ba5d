package io.pushback.durable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.app.Settings;
import io.pushback.durable.PushbackClient.SignedEndpoint;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store fails between the steps of a step saga: the steps ran, but the store cannot record that
 * they did. That is the store's failure, not the saga's: nothing is compensated, no attempt is
 * counted, and the delivery stays pending until a later run resumes it.
 */
final class UnrecordedStepsIT {
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String DB_TIMEOUT = "PT0.5S";

  @TempDir Path directory;

  @Test
  void aStoreThatCannotRecordCompletedStepsDoesNotCompensateThem() throws Exception {
    Path database = directory.resolve("pushback.db");
    LockingStepSaga saga =
        new LockingStepSaga("locks-the-store", database, false, Optional.empty());
    SignedEndpoint sync;
    try (FileNode setup = FileNode.start(database, Map.of(), List.of(saga))) {
      setup.client().createPartner("acme");
      sync =
          setup
              .client()
              .createSignedEndpoint("acme", "sync", "locks-the-store", "\"mode\":\"sync\"", "");
    }
    try (FileNode node =
        FileNode.start(database, Map.of(Settings.DB_TIMEOUT, DB_TIMEOUT), List.of(saga))) {
      PushbackClient client = node.client();

      HttpResponse<String> response;
      try {
        response = client.post(sync, "{\"event\":\"e-1\"}");
      } finally {
        saga.releaseLock();
      }

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).isPresent();
      // Both steps succeeded; only recording them failed, so nothing is undone and the delivery is
      // not failed.
      assertThat(saga.journal()).containsExactly("run 1", "run 2");
      List<Long> pending = client.deliveryIds(sync.id(), "pending");
      assertThat(pending).hasSize(1);
      assertThat(client.delivery(pending.get(0)).get("completedSteps").asInt()).isEqualTo(1);
      assertThat(client.deliveryIds(sync.id(), "failed")).isEmpty();
    }
  }

  @Test
  void aResumedRunWhoseProgressCannotBeRecordedIsNeitherCompensatedNorCountedAsFailed()
      throws Exception {
    Path database = directory.resolve("pushback.db");
    // Step 2 fails on the first run; the retry resumes at step 2, which succeeds but locks the
    // store for a while.
    LockingStepSaga saga =
        new LockingStepSaga("locks-the-store", database, true, Optional.of(Duration.ofSeconds(3)));
    SignedEndpoint async;
    try (FileNode setup = FileNode.start(database, Map.of(), List.of(saga))) {
      setup.client().createPartner("acme");
      async =
          setup
              .client()
              .createSignedEndpoint("acme", "async", "locks-the-store", "\"mode\":\"async\"", "");
    }
    // Two attempts: were the store's failure counted as the saga's, the second attempt would be the
    // last, and
    // step 1 would be compensated.
    Map<String, String> settings =
        Map.of(
            Settings.DB_TIMEOUT, DB_TIMEOUT,
            Settings.MAX_ATTEMPTS, "2",
            Settings.RETRY_BASE, "PT0.05S",
            Settings.POLL_INTERVAL, "PT0.05S",
            Settings.LEASE, "PT1S");
    try (FileNode node = FileNode.start(database, settings, List.of(saga))) {
      PushbackClient client = node.client();
      HttpResponse<String> response = client.post(async, "{\"event\":\"e-1\"}");
      assertThat(response.statusCode()).isEqualTo(202);

      JsonNode delivery;
      try {
        delivery =
            client.awaitOutcome(client.json(response).get("delivery").asLong(), "succeeded", BOUND);
      } finally {
        saga.releaseLock();
      }

      assertThat(saga.journal()).doesNotContain("undo 1", "undo 2");
      // Run 1 fails at step 2; run 2 completes step 2 but cannot record it; once the lease lapses,
      // run 3 resumes there.
      assertThat(saga.journal()).containsExactly("run 1", "run 2", "run 2", "run 2");
      assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
      assertThat(delivery.get("completedSteps").asInt()).isEqualTo(2);
    }
  }
}
