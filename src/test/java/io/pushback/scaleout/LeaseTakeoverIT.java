package io.pushback.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.app.Settings;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node that dies loses its lease, and another node runs its delivery: node A runs a saga that
 * holds (so A keeps the delivery leased, renewing the lease); node B, on the same database, leaves
 * it alone for as long as A lives; once A is SIGKILLed, B takes the delivery after the lease
 * expires and completes it.
 */
class LeaseTakeoverIT {
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final Map<String, String> SETTINGS =
      Map.of(Settings.LEASE, "PT2S", Settings.POLL_INTERVAL, "PT0.05S", Settings.WORKERS, "2");

  /** How long B is watched leaving A's delivery alone, in whole leases past A's first one. */
  private static final int WATCHED_LEASES = 3;

  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(20);

  /** Bound on B's takeover after the kill: the rest of the lease, then a few polls. */
  private static final Duration TAKEOVER_TIMEOUT = LEASE.plusSeconds(10);

  @RegisterExtension final ScaleOutCluster cluster = new ScaleOutCluster();

  private final ObjectMapper json = new ObjectMapper();

  /** A run of the saga beginning. */
  private record Start(String node, long at) {}

  /** The delivery's lease and outcome as stored. */
  private record Row(String outcome, String leaseOwner, long leaseUntil, int attempts) {}

  @Test
  void anotherNodeRunsTheDeliveryOfAKilledNodeOnceItsLeaseExpires() throws Exception {
    Path hold = Files.createFile(cluster.file("hold"));
    NodeProcess a = cluster.node("A", SETTINGS, Map.of(ScaleOutNode.HOLD_MARKER, hold.toString()));
    NodeProcess b = cluster.node("B", SETTINGS, Map.of());
    a.start();
    AsyncEndpoint endpoint = AsyncEndpoint.create(a, "takeover", LeaseHoldingSaga.NAME);
    HttpResponse<String> answer =
        cluster
            .http()
            .send(
                endpoint.signedPost(a, "{\"event\":\"held\"}"),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as("answer %s", answer.body()).isEqualTo(202);
    long id = json.readTree(answer.body()).get("delivery").asLong();
    Poller.await(RUN_TIMEOUT, "node A runs delivery " + id, () -> !starts(id).isEmpty());
    Row held = row(id);
    assertThat(starts(id)).extracting(Start::node).containsExactly("A");

    b.start();
    // Proving that B leaves the delivery alone takes watching: for several whole leases past the
    // one A took first, while A renews it.
    long watchUntil =
        Math.max(held.leaseUntil(), System.currentTimeMillis()) + WATCHED_LEASES * LEASE.toMillis();
    Row renewed = held;
    while (System.currentTimeMillis() < watchUntil) {
      assertThat(starts(id))
          .as("runs of delivery %d while A lives", id)
          .extracting(Start::node)
          .containsExactly("A");
      renewed = row(id);
      assertThat(renewed.outcome()).as("outcome while A holds it").isEqualTo("pending");
      assertThat(renewed.leaseOwner()).as("lease owner while A lives").isEqualTo(held.leaseOwner());
      Thread.sleep(Poller.PAUSE_MILLIS);
    }
    assertThat(renewed.leaseUntil())
        .as("lease until, renewed by A past its first lease")
        .isGreaterThan(held.leaseUntil() + (WATCHED_LEASES - 1) * LEASE.toMillis());

    a.kill();
    long killedAt = System.currentTimeMillis();
    Row abandoned = row(id);
    Poller.await(
        TAKEOVER_TIMEOUT,
        "another node completes delivery " + id,
        () -> row(id).outcome().equals("succeeded"));

    List<Start> starts = starts(id);
    System.out.printf(
        "lease takeover: A held delivery %d for %d ms, renewing its %d ms lease; B started it %d ms"
            + " after A's SIGKILL, %d ms after the lease expired%n",
        id,
        killedAt - starts.get(0).at(),
        LEASE.toMillis(),
        starts.get(starts.size() - 1).at() - killedAt,
        starts.get(starts.size() - 1).at() - abandoned.leaseUntil());
    assertThat(starts)
        .extracting(Start::node)
        .as("runs of delivery %d", id)
        .containsExactly("A", "B");
    assertThat(starts.get(1).at())
        .as("when B started, against the end of A's last lease")
        .isGreaterThanOrEqualTo(abandoned.leaseUntil());
    assertThat(runs(id)).as("completed runs of delivery %d", id).containsExactly("B");
    assertThat(cluster.number("SELECT COUNT(*) FROM ledger.saga_violation"))
        .as("second runs of a delivery")
        .isZero();
    Row done = row(id);
    assertThat(done.attempts()).as("attempts counted (A's never ended)").isEqualTo(1);
    assertThat(done.leaseOwner()).as("lease owner once done").isNull();
  }

  private List<Start> starts(long id) throws Exception {
    List<Start> starts = new ArrayList<>();
    try (Connection connection = cluster.connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT node, started_at FROM ledger.saga_start WHERE delivery_id = ?"
                    + " ORDER BY started_at")) {
      query.setLong(1, id);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          starts.add(new Start(rs.getString(1), rs.getLong(2)));
        }
      }
    }
    return starts;
  }

  private List<String> runs(long id) throws Exception {
    List<String> nodes = new ArrayList<>();
    try (Connection connection = cluster.connect();
        PreparedStatement query =
            connection.prepareStatement("SELECT node FROM ledger.saga_run WHERE delivery_id = ?")) {
      query.setLong(1, id);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          nodes.add(rs.getString(1));
        }
      }
    }
    return nodes;
  }

  private Row row(long id) throws Exception {
    try (Connection connection = cluster.connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT outcome, lease_owner, lease_until, attempts FROM delivery WHERE id = ?")) {
      query.setLong(1, id);
      try (ResultSet rs = query.executeQuery()) {
        assertThat(rs.next()).as("delivery %d is stored", id).isTrue();
        return new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4));
      }
    }
  }
}
