package io.pushback.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.app.Settings;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes in two JVMs on one PostgreSQL database take 10,000 async deliveries, half each, and
 * share the work: every delivery is claimed by one node only, so each saga runs exactly once (the
 * saga's table has the delivery id as its key, and a second run is counted as a violation).
 */
class TwoNodesIT {
  private static final int DELIVERIES = 10_000;
  private static final int CLIENTS = 16;
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);
  private static final int FAILURES_SHOWN = 10;
  private static final Map<String, String> SETTINGS =
      Map.of(Settings.WORKERS, "4", Settings.POLL_INTERVAL, "PT0.05S");

  @RegisterExtension final ScaleOutCluster cluster = new ScaleOutCluster();

  private final ObjectMapper json = new ObjectMapper();

  /** What the clients got: answers by status (0 for no answer), the delivery ids, the failures. */
  private record Sent(
      Map<Integer, Long> statuses, Set<Long> deliveries, List<String> failures, long millis) {}

  @Test
  void eachOfTenThousandDeliveriesSentToTwoNodesRunsItsSagaExactlyOnce() throws Exception {
    long startedAt = System.nanoTime();
    NodeProcess a = cluster.node("A", SETTINGS, Map.of());
    NodeProcess b = cluster.node("B", SETTINGS, Map.of());
    // Started together: both migrate the one database at the same time.
    a.launch();
    b.launch();
    a.awaitServing();
    b.awaitServing();
    long serving = System.nanoTime();
    AsyncEndpoint endpoint = AsyncEndpoint.create(a, "two-nodes", ExactlyOnceSaga.NAME);

    Sent sent = send(endpoint, List.of(a, b));
    long drainStart = System.nanoTime();
    Poller.await(
        DRAIN_TIMEOUT,
        "no delivery is pending",
        () -> cluster.number("SELECT COUNT(*) FROM delivery WHERE outcome = 'pending'") == 0);
    long drainMillis = (System.nanoTime() - drainStart) / 1_000_000;
    long allMillis = sent.millis() + drainMillis;

    Map<String, Long> runsByNode = runsByNode();
    System.out.printf(
        "two nodes: %d async deliveries accepted in %d ms (%.0f/s, %d client threads, half to each"
            + " node), all sagas run %d ms later (%.0f deliveries/s end to end); saga runs by node"
            + " %s; nodes serving after %d ms, test %d ms%n",
        sent.deliveries().size(),
        sent.millis(),
        DELIVERIES * 1_000.0 / sent.millis(),
        CLIENTS,
        drainMillis,
        DELIVERIES * 1_000.0 / allMillis,
        runsByNode,
        (serving - startedAt) / 1_000_000,
        (System.nanoTime() - startedAt) / 1_000_000);

    assertThat(sent.statuses())
        .as("answers by status (0: none), first failures %s", sent.failures())
        .isEqualTo(Map.of(202, (long) DELIVERIES));
    assertThat(sent.deliveries()).as("distinct delivery ids answered").hasSize(DELIVERIES);
    assertThat(cluster.number("SELECT COUNT(*) FROM delivery"))
        .as("delivery rows")
        .isEqualTo(DELIVERIES);
    assertThat(
            cluster.number(
                "SELECT COUNT(*) FROM delivery WHERE endpoint_id = ? AND outcome = 'succeeded'"
                    + " AND attempts = 1",
                endpoint.id()))
        .as("deliveries succeeded at the first attempt")
        .isEqualTo(DELIVERIES);
    assertThat(cluster.number("SELECT COUNT(*) FROM ledger.saga_run"))
        .as("saga runs")
        .isEqualTo(DELIVERIES);
    assertThat(cluster.number("SELECT COUNT(*) FROM ledger.saga_violation"))
        .as("second runs of a delivery")
        .isZero();
    assertThat(ids("SELECT delivery_id FROM ledger.saga_run"))
        .as("deliveries whose saga ran")
        .isEqualTo(sent.deliveries());
    assertThat(runsByNode)
        .as("saga runs by node")
        .containsOnlyKeys("A", "B")
        .allSatisfy((node, runs) -> assertThat(runs).as("runs on node %s", node).isPositive());
  }

  /**
   * Sends the deliveries from {@link #CLIENTS} threads, request {@code i} to node {@code i % 2},
   * each with a body of its own.
   */
  private Sent send(AsyncEndpoint endpoint, List<NodeProcess> nodes) throws Exception {
    HttpClient http = cluster.http();
    String run = UUID.randomUUID().toString();
    Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    Set<Long> deliveries = ConcurrentHashMap.newKeySet();
    Queue<String> failures = new ConcurrentLinkedQueue<>();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int client = 0; client < CLIENTS; client++) {
        int first = client;
        done.add(
            clients.submit(
                () -> {
                  for (int i = first; i < DELIVERIES; i += CLIENTS) {
                    NodeProcess node = nodes.get(i % nodes.size());
                    String body = "{\"event\":" + i + ",\"run\":\"" + run + "\"}";
                    int status;
                    try {
                      HttpResponse<String> response =
                          http.send(
                              endpoint.signedPost(node, body),
                              HttpResponse.BodyHandlers.ofString());
                      status = response.statusCode();
                      if (status == 202) {
                        deliveries.add(json.readTree(response.body()).get("delivery").asLong());
                      } else if (failures.size() < FAILURES_SHOWN) {
                        failures.add(node.name() + " " + status + " " + response.body());
                      }
                    } catch (IOException e) {
                      status = 0;
                      if (failures.size() < FAILURES_SHOWN) {
                        failures.add(node.name() + " " + e);
                      }
                    }
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                  }
                  return null;
                }));
      }
      clients.shutdown();
      if (!clients.awaitTermination(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            "the clients did not send "
                + DELIVERIES
                + " requests within "
                + SEND_TIMEOUT.toMillis()
                + " ms; answers so far "
                + statuses);
      }
      for (Future<?> client : done) {
        client.get();
      }
    } finally {
      clients.shutdownNow();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    Map<Integer, Long> counted = new TreeMap<>();
    statuses.forEach((status, count) -> counted.put(status, count.get()));
    return new Sent(counted, Set.copyOf(deliveries), List.copyOf(failures), millis);
  }

  private Map<String, Long> runsByNode() throws Exception {
    Map<String, Long> runs = new TreeMap<>();
    try (Connection connection = cluster.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT node, COUNT(*) FROM ledger.saga_run GROUP BY node")) {
      while (rs.next()) {
        runs.put(rs.getString(1), rs.getLong(2));
      }
    }
    return runs;
  }

  private Set<Long> ids(String sql) throws Exception {
    Set<Long> ids = new HashSet<>();
    try (Connection connection = cluster.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }
}
