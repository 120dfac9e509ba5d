package io.pushback.durable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.app.Settings;
import io.pushback.durable.PushbackClient.SignedEndpoint;
import io.pushback.saga.Saga;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store locked by someone else past its timeout while signed POSTs keep coming, to a sync and
 * an async endpoint: 503 with {@code Retry-After} and never a 2xx while locked, every 2xx stored,
 * and service back once the lock goes, without a restart. The store is created and its endpoints
 * configured by a first node with the default timeout, so that only the outage, not a slow start,
 * meets the short one.
 */
final class StoreOutageIT {
  private static final int SENDERS = 8;
  private static final int ENOUGH = 20;
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String DB_TIMEOUT = "PT0.5S";

  @TempDir Path directory;

  private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();

  /** One request of the load and its answer; times are {@link System#nanoTime()} values. */
  private record Attempt(
      boolean async,
      String event,
      long started,
      long answered,
      int status,
      String body,
      Optional<String> retryAfter) {
    boolean accepted() {
      return status / 100 == 2;
    }
  }

  @Test
  void answers503WhileTheStoreIsLockedAndLosesNoAcknowledgedRequest() throws Exception {
    Path database = directory.resolve("pushback.db");
    SignedEndpoint sync;
    SignedEndpoint async;
    List<Saga> sagas = List.of(new CountingSaga("count-sync"), new CountingSaga("count-async"));
    try (FileNode setup = FileNode.start(database, Map.of(), sagas)) {
      PushbackClient client = setup.client();
      client.createPartner("acme");
      sync = client.createSignedEndpoint("acme", "sync", "count-sync", "\"mode\":\"sync\"", "");
      async = client.createSignedEndpoint("acme", "async", "count-async", "\"mode\":\"async\"", "");
    }
    CountingSaga syncSaga = new CountingSaga("count-sync");
    CountingSaga asyncSaga = new CountingSaga("count-async");
    // A short lease: a run whose outcome the locked store could not record is soon run again.
    Map<String, String> settings =
        Map.of(
            Settings.DB_TIMEOUT,
            DB_TIMEOUT,
            Settings.POLL_INTERVAL,
            "PT0.05S",
            Settings.LEASE,
            "PT2S");
    try (FileNode node = FileNode.start(database, settings, List.of(syncSaga, asyncSaga))) {
      PushbackClient client = node.client();
      long lockedAt;
      long releasedAt;
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
      try {
        List<Future<?>> running = new ArrayList<>();
        AtomicInteger sequence = new AtomicInteger();
        for (int i = 0; i < SENDERS; i++) {
          running.add(senders.submit(() -> sendUntil(stop, client, sync, async, sequence)));
        }
        awaitAttempts(Attempt::accepted, "2xx before the outage");

        WriteLock lock = WriteLock.acquire(database);
        try {
          lockedAt = System.nanoTime();
          long since = lockedAt;
          awaitAttempts(a -> a.started() > since, "answers while locked");
        } finally {
          releasedAt = System.nanoTime();
          lock.close();
        }
        awaitAttempts(a -> a.started() > releasedAt && a.accepted(), "2xx after the outage");

        stop.set(true);
        for (Future<?> sender : running) {
          sender.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
      } finally {
        stop.set(true);
        senders.shutdownNow();
      }

      assertThat(attempts)
          .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(200, 202, 503));
      assertThat(attempts)
          .filteredOn(a -> a.status() == 503)
          .allSatisfy(
              a -> {
                assertThat(a.body()).isEqualTo("{\"error\":\"unavailable\"}");
                assertThat(a.retryAfter()).as("Retry-After").isPresent();
              });
      List<Attempt> whileLocked =
          attempts.stream()
              .filter(a -> a.started() > lockedAt && a.answered() < releasedAt)
              .toList();
      assertThat(whileLocked).hasSizeGreaterThanOrEqualTo(ENOUGH);
      assertThat(whileLocked)
          .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(503));
      assertThat(attempts)
          .filteredOn(a -> a.started() > releasedAt && a.accepted())
          .extracting(Attempt::status)
          .as("both endpoints serve again")
          .contains(200, 202);

      client.awaitNonePending(async.id(), BOUND);
      List<Attempt> acknowledged = attempts.stream().filter(Attempt::accepted).toList();
      for (Attempt attempt : acknowledged) {
        long id = Long.parseLong(client.json(attempt.body()).get("delivery").asText());
        JsonNode delivery = client.delivery(id);
        assertThat(delivery.get("parameters").get("event").asText()).isEqualTo(attempt.event());
        assertThat(delivery.get("outcome").asText()).as(attempt.toString()).isEqualTo("succeeded");
        if (attempt.async()) {
          // At least once: a run whose outcome the locked store could not record is run again.
          assertThat(asyncSaga.runs(attempt.event())).as("runs of " + attempt.event()).isPositive();
        } else {
          assertThat(syncSaga.runs(attempt.event())).as("runs of " + attempt.event()).isEqualTo(1);
        }
      }
    }
  }

  private Void sendUntil(
      AtomicBoolean stop,
      PushbackClient client,
      SignedEndpoint sync,
      SignedEndpoint async,
      AtomicInteger sequence) {
    while (!stop.get()) {
      int n = sequence.incrementAndGet();
      boolean toAsync = n % 2 == 0;
      String event = "o-" + n;
      long started = System.nanoTime();
      HttpResponse<String> response =
          client.post(toAsync ? async : sync, "{\"event\":\"" + event + "\"}");
      attempts.add(
          new Attempt(
              toAsync,
              event,
              started,
              System.nanoTime(),
              response.statusCode(),
              response.body(),
              response.headers().firstValue("Retry-After")));
    }
    return null;
  }

  /**
   * Waits, looking every few milliseconds, until {@value #ENOUGH} attempts match; fails after
   * {@link #BOUND}.
   */
  private void awaitAttempts(Predicate<Attempt> matching, String what) throws InterruptedException {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (attempts.stream().filter(matching).count() < ENOUGH) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "fewer than "
                + ENOUGH
                + " "
                + what
                + " within "
                + BOUND
                + " among "
                + attempts.size()
                + " attempts");
      }
      Thread.sleep(20);
    }
  }
}
