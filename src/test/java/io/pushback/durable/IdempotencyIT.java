package io.pushback.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushback.app.Settings;
import io.pushback.durable.PushbackClient.SignedEndpoint;
import io.pushback.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 1,000 events sent three times each, the copies of one event at the same moment: every copy gets a
 * 2xx and the first delivery's id, and the saga runs once per event.
 */
final class IdempotencyIT {
  private static final int EVENTS = 1_000;
  private static final int COPIES = 3;
  private static final int SENDERS = 32;
  private static final Duration BOUND = Duration.ofSeconds(60);

  private static final CountingSaga syncSaga = new CountingSaga("count-sync");
  private static final CountingSaga asyncSaga = new CountingSaga("count-async");

  private static TestServer server;
  private static PushbackClient client;

  /** What one copy was answered. */
  private record Answer(int event, int status, long delivery) {}

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(Map.of(Settings.POLL_INTERVAL, "PT0.05S"), List.of(syncSaga, asyncSaga));
    client = new PushbackClient(server.port());
    client.createPartner("acme");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void syncEndpointRunsTheSagaOncePerEventUnderConcurrentCopies() throws Exception {
    SignedEndpoint endpoint =
        client.createSignedEndpoint(
            "acme",
            "sync-idempotent",
            "count-sync",
            "\"mode\":\"sync\",\"idempotencyHeader\":\"Idempotency-Key\"",
            "");

    List<Answer> answers = sendEveryEventThrice(endpoint);

    assertEveryCopyAnsweredWithTheFirstDelivery(answers);
    assertRanOncePerEvent(syncSaga);
  }

  @Test
  void asyncEndpointRunsTheSagaOncePerEventUnderConcurrentCopies() throws Exception {
    SignedEndpoint endpoint =
        client.createSignedEndpoint(
            "acme",
            "async-idempotent",
            "count-async",
            "\"mode\":\"async\",\"idempotencyHeader\":\"Idempotency-Key\"",
            "");

    List<Answer> answers = sendEveryEventThrice(endpoint);

    assertEveryCopyAnsweredWithTheFirstDelivery(answers);
    client.awaitNonePending(endpoint.id(), BOUND);
    assertRanOncePerEvent(asyncSaga);
    assertThat(client.deliveries(endpoint.id(), "failed").get("deliveries")).isEmpty();
    assertThat(client.deliveries(endpoint.id(), "dead").get("deliveries")).isEmpty();
  }

  /**
   * Sends every copy from a pool of {@value #SENDERS} threads, the copies of one event submitted
   * back to back.
   */
  private static List<Answer> sendEveryEventThrice(SignedEndpoint endpoint) throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    try {
      List<Future<Answer>> pending = new ArrayList<>(EVENTS * COPIES);
      for (int event = 0; event < EVENTS; event++) {
        int current = event;
        for (int copy = 0; copy < COPIES; copy++) {
          pending.add(senders.submit(() -> send(endpoint, current)));
        }
      }
      long deadline = System.nanoTime() + BOUND.toNanos();
      List<Answer> answers = new ArrayList<>(pending.size());
      for (Future<Answer> answer : pending) {
        answers.add(answer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      }
      return answers;
    } finally {
      senders.shutdownNow();
    }
  }

  private static Answer send(SignedEndpoint endpoint, int event) {
    HttpResponse<String> response =
        client.post(endpoint, "{\"event\":\"e-" + event + "\"}", "Idempotency-Key", "key-" + event);
    long delivery =
        response.statusCode() / 100 == 2 ? client.json(response).get("delivery").asLong() : -1;
    return new Answer(event, response.statusCode(), delivery);
  }

  private static void assertEveryCopyAnsweredWithTheFirstDelivery(List<Answer> answers) {
    assertThat(answers).hasSize(EVENTS * COPIES);
    assertThat(answers)
        .allSatisfy(
            answer ->
                assertThat(answer.status()).as("event %d", answer.event()).isBetween(200, 299));
    Map<Integer, Set<Long>> idsByEvent = new HashMap<>();
    answers.forEach(
        a -> idsByEvent.computeIfAbsent(a.event(), e -> new HashSet<>()).add(a.delivery()));
    assertThat(idsByEvent).hasSize(EVENTS);
    assertThat(idsByEvent)
        .allSatisfy((event, ids) -> assertThat(ids).as("event %d", event).hasSize(1));
    Set<Long> distinct = new HashSet<>();
    idsByEvent.values().forEach(distinct::addAll);
    assertThat(distinct).as("one delivery per event").hasSize(EVENTS);
  }

  private static void assertRanOncePerEvent(CountingSaga saga) {
    assertThat(saga.total()).isEqualTo(EVENTS);
    assertThat(saga.events()).isEqualTo(EVENTS);
    for (int event = 0; event < EVENTS; event++) {
      assertThat(saga.runs("e-" + event)).as("runs of event %d", event).isEqualTo(1);
    }
  }
}
