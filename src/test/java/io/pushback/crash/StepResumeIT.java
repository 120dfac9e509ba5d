package io.pushback.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A step saga whose process is SIGKILLed in the middle of step 2 resumes at step 2 on restart, not
 * at step 1; and while its node lives, a step that outlasts the lease (PT2S here) is not started a
 * second time, async or sync.
 */
class StepResumeIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * Several poll intervals (PT0.1S): long enough for a node to claim a delivery whose lease has
   * lapsed.
   */
  private static final long LAPSE_MARGIN_MILLIS = 1_000;

  @RegisterExtension final ChildNode node = new ChildNode();

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void stepSagaKilledMidRunResumesAtTheUnfinishedStep() throws Exception {
    node.start();
    SignedEndpoint endpoint = SignedEndpoint.create(node, "steps", BlockingStepSaga.NAME, "async");
    Files.createFile(node.blockMarker());
    long id = accepted(endpoint, "{\"order\":42}");
    Poller.await(
        TIMEOUT,
        "step 2 of delivery " + id + " has started",
        () -> events(id).contains("step2-started"));

    node.kill();
    Files.delete(node.blockMarker());
    node.start();

    Poller.await(
        TIMEOUT,
        "delivery " + id + " has succeeded",
        () -> delivery(id).get("outcome").asText().equals("succeeded"));
    assertThat(events(id))
        .containsExactly("step1", "step2-started", "step2-started", "step2", "step3");
    assertThat(delivery(id).get("completedSteps").asInt()).isEqualTo(3);
  }

  @Test
  void asyncStepOutlastingTheLeaseIsNotStartedAgainWhileItsNodeLives() throws Exception {
    node.start();
    SignedEndpoint endpoint = SignedEndpoint.create(node, "steps", BlockingStepSaga.NAME, "async");
    Files.createFile(node.blockMarker());
    long id = accepted(endpoint, "{\"order\":43}");
    Poller.await(
        TIMEOUT,
        "step 2 of delivery " + id + " has started",
        () -> events(id).contains("step2-started"));

    assertStepNotStartedAgainAfterItsFirstLease(id);
  }

  @Test
  void syncStepOutlastingTheLeaseIsNotStartedAgainByTheWorkers() throws Exception {
    node.start();
    SignedEndpoint endpoint =
        SignedEndpoint.create(node, "sync-steps", BlockingStepSaga.NAME, "sync");
    Files.createFile(node.blockMarker());
    // A sync request is answered when its saga ends: never, here. Its delivery id is read from the
    // saga's file.
    node.http()
        .sendAsync(
            endpoint.signedPost(node, "{\"order\":44}"), HttpResponse.BodyHandlers.discarding());
    Poller.await(
        TIMEOUT, "step 2 of the sync delivery has started", () -> startedStep2().isPresent());
    long id = startedStep2().orElseThrow();

    assertStepNotStartedAgainAfterItsFirstLease(id);
  }

  /**
   * Waits until the lease of {@code id} was renewed and its first term is well over; step 2 must
   * not rerun.
   */
  private void assertStepNotStartedAgainAfterItsFirstLease(long id) throws Exception {
    long firstLeaseEnd = leaseUntil(id);
    Poller.await(
        TIMEOUT,
        "the lease of delivery "
            + id
            + " was renewed and its first term ended "
            + LAPSE_MARGIN_MILLIS
            + " ms ago",
        () ->
            leaseUntil(id) > firstLeaseEnd
                && System.currentTimeMillis() > firstLeaseEnd + LAPSE_MARGIN_MILLIS);
    assertThat(events(id)).containsExactly("step1", "step2-started");
  }

  /** The delivery whose step 2 started first, if any did. */
  private Optional<Long> startedStep2() {
    String prefix = BlockingStepSaga.STEP2_STARTED + " ";
    return LineFile.lines(node.stepsFile()).stream()
        .filter(line -> line.startsWith(prefix))
        .map(line -> Long.parseLong(line.substring(prefix.length())))
        .findFirst();
  }

  private long accepted(SignedEndpoint endpoint, String body) throws Exception {
    HttpResponse<String> answer =
        node.http().send(endpoint.signedPost(node, body), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return json.readTree(answer.body()).get("delivery").asLong();
  }

  /** What the saga recorded for delivery {@code id}, in order. */
  private List<String> events(long id) {
    String suffix = " " + id;
    return LineFile.lines(node.stepsFile()).stream()
        .filter(line -> line.endsWith(suffix))
        .map(line -> line.substring(0, line.length() - suffix.length()))
        .toList();
  }

  private JsonNode delivery(long id) throws Exception {
    return node.admin("GET", "/deliveries/" + id, null, 200);
  }

  /** When the lease on delivery {@code id} ends, in epoch millis. */
  private long leaseUntil(long id) throws Exception {
    try (Connection connection = node.readDatabase();
        PreparedStatement select =
            connection.prepareStatement("SELECT lease_until FROM delivery WHERE id = ?")) {
      select.setLong(1, id);
      try (ResultSet result = select.executeQuery()) {
        assertThat(result.next()).as("delivery %d is stored", id).isTrue();
        return result.getLong(1);
      }
    }
  }
}
