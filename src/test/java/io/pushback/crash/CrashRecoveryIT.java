package io.pushback.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The promise to senders under crashes: a child JVM serving signed async POSTs from a load loop is
 * SIGKILLed at random moments and restarted on the same SQLite file; afterwards every acknowledged
 * request has exactly one delivery row, its saga ran (at least once: a kill between the saga and
 * the commit of its outcome runs it again), and the database is intact.
 */
class CrashRecoveryIT {
  private static final int KILLS = 5;
  private static final int CLIENTS = 4;
  private static final int ACKNOWLEDGED_BY_LAST_LIFE = 50;
  private static final Duration LIFE_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

  @RegisterExtension final ChildNode node = new ChildNode();

  /** One delivery row as stored. */
  private record Row(long id, String outcome, String body) {}

  @Test
  void everyAcknowledgedRequestSurvivesRandomKillsAndRunsItsSaga() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    long startedAt = System.nanoTime();
    node.start();
    SignedEndpoint endpoint = SignedEndpoint.create(node, "crash", CountSaga.NAME, "async");
    LoadLoop load = new LoadLoop(node, endpoint, CLIENTS);
    try {
      for (int life = 1; life <= KILLS; life++) {
        servesLoad(load, life, 1);
        // The one deliberate wait: the kill lands at a random moment under load.
        Thread.sleep(200 + random.nextInt(1_301));
        node.kill();
        node.start();
      }
      servesLoad(load, KILLS + 1, ACKNOWLEDGED_BY_LAST_LIFE);
    } finally {
      load.stop();
    }
    Poller.await(
        DRAIN_TIMEOUT,
        "no delivery is pending",
        () -> endpoint.deliveries(node, "pending").isEmpty());
    assertThat(node.stop()).as("exit code after SIGTERM").isEqualTo(143);

    Map<String, Long> acknowledged = load.acknowledged();
    Set<String> sent = load.sent();
    List<Row> rows = rows(endpoint.id());
    Map<Long, Long> runs =
        LineFile.lines(node.countFile()).stream()
            .collect(Collectors.groupingBy(Long::parseLong, Collectors.counting()));
    Map<Long, Row> rowsById = rows.stream().collect(Collectors.toMap(Row::id, Function.identity()));
    long ranTwice = runs.values().stream().filter(count -> count > 1).count();
    System.out.printf(
        "crash recovery (seed %d): %d requests sent, %d answered 2xx, %d kills, %d delivery rows of which %d were"
            + " never acknowledged (in flight at a kill), %d sagas ran more than once (most runs of one: %d),"
            + " no 2xx: %s; %d ms%n",
        seed,
        sent.size(),
        acknowledged.size(),
        KILLS,
        rows.size(),
        rows.size() - acknowledged.size(),
        ranTwice,
        runs.values().stream().mapToLong(Long::longValue).max().orElse(0),
        load.failures(),
        (System.nanoTime() - startedAt) / 1_000_000);

    assertThat(integrityCheck()).isEqualTo(List.of("ok"));
    assertThat(acknowledged.values()).as("delivery ids answered").doesNotHaveDuplicates();
    List<String> lost = new ArrayList<>();
    acknowledged.forEach(
        (body, id) -> {
          Row row = rowsById.get(id);
          if (row == null
              || !row.body().equals(body)
              || !row.outcome().equals("succeeded")
              || !runs.containsKey(id)) {
            lost.add("delivery " + id + ": " + row);
          }
        });
    assertThat(lost)
        .as("acknowledged deliveries missing, altered, not succeeded or never run")
        .isEmpty();
    assertThat(rows.stream().map(Row::body).toList()).as("bodies stored").doesNotHaveDuplicates();
    assertThat(rows)
        .as("every stored delivery")
        .allSatisfy(
            row -> {
              assertThat(sent).as("bodies sent").contains(row.body());
              assertThat(row.outcome())
                  .as("outcome of delivery %d", row.id())
                  .isEqualTo("succeeded");
              assertThat(runs).as("saga runs by delivery").containsKey(row.id());
            });
    assertThat(rowsById).as("deliveries by id").containsKeys(runs.keySet().toArray(Long[]::new));
  }

  /**
   * Starts the clients on this life of the node and waits until it has answered {@code atLeast}
   * more requests.
   */
  private void servesLoad(LoadLoop load, int life, int atLeast) throws Exception {
    int before = load.acknowledgedCount();
    load.nodeServing();
    Poller.await(
        LIFE_TIMEOUT,
        "life " + life + " of the node has acknowledged " + atLeast + " request(s)",
        () -> load.acknowledgedCount() >= before + atLeast);
  }

  private List<Row> rows(long endpointId) throws Exception {
    try (Connection connection = node.readDatabase();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT id, outcome, body FROM delivery WHERE endpoint_id = ?")) {
      select.setLong(1, endpointId);
      List<Row> rows = new ArrayList<>();
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          rows.add(
              new Row(
                  result.getLong("id"),
                  result.getString("outcome"),
                  new String(result.getBytes("body"), StandardCharsets.UTF_8)));
        }
      }
      return rows;
    }
  }

  private List<String> integrityCheck() throws Exception {
    try (Connection connection = node.readDatabase();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
      List<String> lines = new ArrayList<>();
      while (result.next()) {
        lines.add(result.getString(1));
      }
      return lines;
    }
  }
}
