package io.pushback.durable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.app.Settings;
import io.pushback.durable.PushbackClient.SignedEndpoint;
import io.pushback.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stopping a node while an async saga runs: a saga that ends within the grace period finishes and
 * is recorded; one that outlasts it gives back its lease, so that the next node takes the delivery
 * at once instead of after the lease.
 */
final class GracefulShutdownIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void letsARunningSagaFinishBeforeStopping() throws Exception {
    SlowSaga slow = new SlowSaga("slow", Duration.ofSeconds(1));
    Map<String, String> settings =
        Map.of(Settings.POLL_INTERVAL, "PT0.05S", Settings.SHUTDOWN_GRACE, "PT10S");
    Path database;
    long id;
    try (TestServer server = TestServer.start(settings, List.of(slow))) {
      database = FileNode.databaseOf(server);
      PushbackClient client = new PushbackClient(server.port());
      client.createPartner("acme");
      SignedEndpoint endpoint =
          client.createSignedEndpoint("acme", "slow", "slow", "\"mode\":\"async\"", "");
      id = acceptedId(client, client.post(endpoint, "{\"event\":\"e-1\"}"));
      assertThat(slow.awaitStart(WAIT)).as("the saga started").isTrue();
    }
    assertThat(slow.finished()).as("the saga finished before close returned").isEqualTo(1);

    SlowSaga next = new SlowSaga("slow", Duration.ZERO);
    try (FileNode restarted = FileNode.start(database, settings, List.of(next))) {
      JsonNode delivery = restarted.client().delivery(id);

      assertThat(delivery.get("outcome").asText()).isEqualTo("succeeded");
      assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
      assertThat(next.finished()).isZero();
    }
  }

  @Test
  void givesBackTheLeaseOfASagaThatOutlastsTheGracePeriod() throws Exception {
    SlowSaga stuck = new SlowSaga("slow", Duration.ofMinutes(1));
    // A lease and a retry wait of ten minutes: only a lease given back (and not a failure counted)
    // lets the next node
    // run the delivery within the test's bound.
    Map<String, String> settings =
        Map.of(
            Settings.POLL_INTERVAL, "PT0.05S",
            Settings.SHUTDOWN_GRACE, "PT0.2S",
            Settings.LEASE, "PT10M",
            Settings.RETRY_BASE, "PT10M");
    Path database;
    long id;
    long closeStarted;
    try (TestServer server = TestServer.start(settings, List.of(stuck))) {
      database = FileNode.databaseOf(server);
      PushbackClient client = new PushbackClient(server.port());
      client.createPartner("acme");
      SignedEndpoint endpoint =
          client.createSignedEndpoint("acme", "slow", "slow", "\"mode\":\"async\"", "");
      id = acceptedId(client, client.post(endpoint, "{\"event\":\"e-1\"}"));
      assertThat(stuck.awaitStart(WAIT)).as("the saga started").isTrue();
      assertThat(StoredRow.read(database, id).leaseOwner()).as("leased while running").isPresent();
      closeStarted = System.nanoTime();
    }
    Duration closing = Duration.ofNanos(System.nanoTime() - closeStarted);

    assertThat(closing)
        .as("close waits about the grace period, not for the saga")
        .isLessThan(Duration.ofSeconds(5));
    assertThat(stuck.finished()).isZero();
    StoredRow row = StoredRow.read(database, id);
    assertThat(row.outcome()).isEqualTo("pending");
    assertThat(row.leaseOwner()).as("lease owner").isEmpty();
    assertThat(row.leaseUntil()).as("lease end").isEmpty();

    SlowSaga next = new SlowSaga("slow", Duration.ZERO);
    try (FileNode restarted = FileNode.start(database, settings, List.of(next))) {
      JsonNode delivery = restarted.client().awaitOutcome(id, "succeeded", WAIT);

      assertThat(next.finished()).isEqualTo(1);
      assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
    }
  }

  private static long acceptedId(PushbackClient client, HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return client.json(response).get("delivery").asLong();
  }
}
