package io.pushback.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Client threads sending signed POSTs with unique bodies to a {@link ChildNode} that the test kills
 * and restarts. A client whose connection fails waits for the node's next life instead of spinning,
 * but at most {@link #RETRY_AFTER_FAILURE_MILLIS} ms: a stale connection may also fail on a node
 * that serves. Records every body sent and, for each 2xx, the delivery id it acknowledged.
 * Thread-safe.
 */
final class LoadLoop {
  private static final long RETRY_AFTER_FAILURE_MILLIS = 250;

  private final ChildNode node;
  private final SignedEndpoint endpoint;
  private final int clients;
  private final ExecutorService threads;
  private final ObjectMapper json = new ObjectMapper();
  private final String run = UUID.randomUUID().toString();
  private final Set<String> sent = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failures = new ConcurrentSkipListMap<>();
  private final AtomicReference<Exception> broken = new AtomicReference<>();
  private final Object lives = new Object();
  private int life;
  private volatile boolean stopped;

  LoadLoop(ChildNode node, SignedEndpoint endpoint, int clients) {
    this.node = node;
    this.endpoint = endpoint;
    this.clients = clients;
    this.threads = Executors.newFixedThreadPool(clients);
  }

  /**
   * Tells the clients that a new life of the node serves: those waiting after a failure send again.
   */
  void nodeServing() {
    synchronized (lives) {
      if (life == 0) {
        for (int client = 0; client < clients; client++) {
          int number = client;
          threads.execute(() -> send(number));
        }
      }
      life++;
      lives.notifyAll();
    }
  }

  private void send(int client) {
    try {
      for (long sequence = 0; !stopped; sequence++) {
        int seen = currentLife();
        String body =
            "{\"run\":\"" + run + "\",\"client\":" + client + ",\"sequence\":" + sequence + "}";
        sent.add(body);
        try {
          HttpResponse<String> response =
              node.http()
                  .send(endpoint.signedPost(node, body), HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() / 100 == 2) {
            acknowledged.put(body, json.readTree(response.body()).get("delivery").asLong());
          } else {
            count("status " + response.statusCode());
          }
        } catch (IOException e) {
          count(e.getClass().getSimpleName());
          awaitLifeAfter(seen);
        }
      }
    } catch (Exception e) {
      broken.compareAndSet(null, e);
    }
  }

  private int currentLife() {
    synchronized (lives) {
      return life;
    }
  }

  private void awaitLifeAfter(int seen) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_AFTER_FAILURE_MILLIS);
    synchronized (lives) {
      long left;
      while (life == seen && !stopped && (left = deadline - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(lives, left);
      }
    }
  }

  private void count(String failure) {
    failures.computeIfAbsent(failure, ignored -> new AtomicInteger()).incrementAndGet();
  }

  int acknowledgedCount() {
    return acknowledged.size();
  }

  /** Every body sent, answered or not. */
  Set<String> sent() {
    return Set.copyOf(sent);
  }

  /** The body of every request answered 2xx, with the delivery id of the answer. */
  Map<String, Long> acknowledged() {
    return Map.copyOf(acknowledged);
  }

  /** Requests that got no 2xx, by what they got instead. */
  Map<String, Integer> failures() {
    Map<String, Integer> counts = new ConcurrentSkipListMap<>();
    failures.forEach((failure, count) -> counts.put(failure, count.get()));
    return counts;
  }

  /**
   * Stops sending and waits for the requests in flight to end; fails if a client broke down on the
   * way.
   */
  void stop() throws InterruptedException {
    stopped = true;
    synchronized (lives) {
      lives.notifyAll();
    }
    threads.shutdown();
    if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
      threads.shutdownNow();
      throw new AssertionError("the load clients did not stop within 30 s");
    }
    if (broken.get() != null) {
      throw new AssertionError("a load client broke down", broken.get());
    }
  }
}
