package io.pushback.worker;

import io.pushback.delivery.Delivery;
import io.pushback.delivery.DeliveryLog;
import io.pushback.delivery.DeliveryProgress;
import io.pushback.delivery.DeliveryStore;
import io.pushback.delivery.Lease;
import io.pushback.delivery.Outcome;
import io.pushback.endpoint.StoreUnavailableException;
import io.pushback.saga.SagaContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sagas of stored deliveries: claims due, unleased pending deliveries under a lease
 * (several nodes share one database safely), runs them on a fixed pool, and retries failures by the
 * {@link RetryPolicy} until they are dead. The leases of running sagas are renewed every third of
 * the lease, so a long saga is not claimed again while it runs; a delivery whose node died is taken
 * again once its lease expires. {@link #close()} stops claiming, lets running sagas finish within a
 * grace period, and gives back the leases of the rest. Thread-safe.
 */
public final class DeliveryWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

  /**
   * How many recorded deliveries may wait here for a saga thread; past that, new ones are left to
   * the next claim. Their leases are renewed while they wait.
   */
  public static final int MAX_HANDOFFS = 1_000;

  /** How the workers run. */
  public record Options(int threads, Duration pollInterval, Duration lease, Duration grace) {}

  private final DeliveryStore deliveries;
  private final DeliveryContexts contexts;
  private final SagaExecution execution;
  private final DeliveryLog log;
  private final RetryPolicy retry;
  private final Options options;
  private final String nodeId;
  private final Clock clock;
  private final ExecutorService pool;
  private final Semaphore freeThreads;

  /** Deliveries handed over by the request that recorded them, queued or running here. */
  private final Semaphore handoffs = new Semaphore(MAX_HANDOFFS);

  private final Semaphore wakeUp = new Semaphore(0);
  private final AtomicInteger running = new AtomicInteger();

  /** How many runs of each delivery this node has under way: their leases are renewed. */
  private final Map<Long, Integer> runningDeliveries = new ConcurrentHashMap<>();

  private final Duration wait;

  /**
   * When the poller last renewed the leases of running deliveries, in clock millis; poller thread
   * only.
   */
  private long leasesRenewedAt;

  private final Thread poller;
  private volatile boolean open = true;

  public DeliveryWorker(
      DeliveryStore deliveries,
      DeliveryContexts contexts,
      SagaExecution execution,
      DeliveryLog log,
      RetryPolicy retry,
      Options options,
      String nodeId,
      Clock clock) {
    this.deliveries = deliveries;
    this.contexts = contexts;
    this.execution = execution;
    this.log = log;
    this.retry = retry;
    this.options = options;
    this.nodeId = nodeId;
    this.clock = clock;
    this.pool =
        Executors.newFixedThreadPool(
            options.threads(), runnable -> daemon(runnable, "pushback-saga"));
    this.freeThreads = new Semaphore(options.threads());
    this.poller = daemon(this::poll, "pushback-poller");
    Duration renewal = options.lease().dividedBy(3);
    this.wait = options.pollInterval().compareTo(renewal) < 0 ? options.pollInterval() : renewal;
  }

  /** Starts claiming. */
  public DeliveryWorker start() {
    poller.start();
    return this;
  }

  /** Asks for a claim now rather than at the next poll: a new delivery is waiting. */
  public void wake() {
    wakeUp.release();
  }

  private void poll() {
    while (open) {
      try {
        int claimed = claimAndRun();
        renewLeases();
        if (claimed == 0 || freeThreads.availablePermits() == 0) {
          wakeUp.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
          wakeUp.drainPermits();
        }
      } catch (StoreUnavailableException e) {
        LOG.warn("workers cannot claim deliveries: {}", e.getMessage());
        pause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("workers failed to claim deliveries", e);
        pause();
      }
    }
  }

  private int claimAndRun() throws InterruptedException {
    int free = freeThreads.availablePermits();
    if (free == 0) {
      return 0;
    }
    Lease lease = new Lease(nodeId, clock.instant().plus(options.lease()));
    List<Delivery> due = deliveries.claimDue(free, lease);
    for (Delivery delivery : due) {
      freeThreads.acquire();
      running.incrementAndGet();
      startRenewing(delivery.id());
      pool.execute(() -> runOne(delivery));
    }
    return due.size();
  }

  private void runOne(Delivery delivery) {
    Progress progress = new Progress(delivery.id());
    try {
      Optional<SagaContext> context = contexts.of(delivery);
      if (context.isEmpty()) {
        String reason = "endpoint no longer exists";
        deliveries.finish(delivery.id(), Outcome.DEAD, 500, Optional.of(reason), Optional.empty());
        log.outcome(
            delivery.id(),
            delivery.endpointId(),
            "-",
            Outcome.DEAD,
            500,
            delivery.attempts(),
            Duration.ZERO,
            reason);
        return;
      }
      execution.execute(
          context.get(),
          progress,
          delivery.completedSteps(),
          delivery.attempts(),
          Optional.of(retry),
          Outcome.DEAD);
    } catch (RuntimeException e) {
      // The lease runs out and another claim will try again.
      LOG.error("delivery {} could not be run", delivery.id(), e);
    } finally {
      release(progress);
    }
  }

  /**
   * Takes a place in this node's queue for a delivery that is about to be recorded under this
   * node's lease, so that its saga runs here as soon as it is committed, without a claim; empty
   * when {@value #MAX_HANDOFFS} are already waiting (then record it without a lease, for the next
   * claim).
   */
  public Optional<Slot> reserve() {
    if (!open || !handoffs.tryAcquire()) {
      return Optional.empty();
    }
    return Optional.of(new Slot());
  }

  /** A place held by {@link #reserve}: run the delivery's saga once, or give the place back. */
  public final class Slot {
    private final AtomicBoolean used = new AtomicBoolean();

    private Slot() {}

    /** Runs the saga of the delivery in {@code context}, committed under this node's lease. */
    public void run(SagaContext context) {
      if (!used.compareAndSet(false, true)) {
        return;
      }
      Progress progress = new Progress(context.deliveryId());
      startRenewing(context.deliveryId());
      try {
        pool.execute(() -> runRecorded(context, progress));
      } catch (RejectedExecutionException e) {
        // Stopping: the lease is given back at close, or runs out, and another node runs it.
        progress.whenRecorded(() -> stopRenewing(progress.id));
        handoffs.release();
      }
    }

    /** Gives the place back unused. */
    public void release() {
      if (used.compareAndSet(false, true)) {
        handoffs.release();
      }
    }
  }

  private void runRecorded(SagaContext context, Progress progress) {
    running.incrementAndGet();
    try {
      execution.execute(context, progress, 0, 0, Optional.of(retry), Outcome.DEAD);
    } catch (RuntimeException e) {
      LOG.error("delivery {} could not be run", context.deliveryId(), e);
    } finally {
      progress.whenRecorded(() -> stopRenewing(progress.id));
      running.decrementAndGet();
      handoffs.release();
    }
  }

  /**
   * Frees the thread of a run; its lease is renewed until the run's outcome is committed (or failed
   * to be: then the lease runs out).
   */
  private void release(Progress progress) {
    progress.whenRecorded(() -> stopRenewing(progress.id));
    running.decrementAndGet();
    freeThreads.release();
    wake();
  }

  /**
   * A worker's run writes its outcome without waiting for the commit, so that its thread can take
   * the next saga at once; retries and step progress are still committed before the run goes on.
   */
  private final class Progress implements DeliveryProgress {
    private final long id;
    private volatile CompletableFuture<Void> finished = CompletableFuture.completedFuture(null);

    Progress(long id) {
      this.id = id;
    }

    @Override
    public void finish(
        long id,
        Outcome outcome,
        int status,
        Optional<String> reason,
        Optional<String> sagaResult) {
      finished =
          deliveries
              .finishLater(id, outcome, status, reason, sagaResult)
              .exceptionally(
                  failure -> {
                    LOG.warn(
                        "delivery {}: its outcome could not be recorded; it runs again once its"
                            + " lease expires: {}",
                        id,
                        failure.getMessage());
                    return null;
                  });
    }

    @Override
    public void retryLater(long id, Instant next, String reason) {
      deliveries.retryLater(id, next, reason);
    }

    @Override
    public void completeSteps(long id, int steps) {
      deliveries.completeSteps(id, steps);
    }

    void whenRecorded(Runnable action) {
      finished.whenComplete((done, failure) -> action.run());
    }
  }

  /**
   * Renews the lease this node holds on delivery {@code deliveryId} while its saga runs here, until
   * {@link #stopRenewing}: also for a sync delivery, leased when recorded and run by the request's
   * thread.
   */
  public void startRenewing(long deliveryId) {
    runningDeliveries.merge(deliveryId, 1, Integer::sum);
  }

  /** Ends one {@link #startRenewing} of {@code deliveryId}. */
  public void stopRenewing(long deliveryId) {
    runningDeliveries.computeIfPresent(deliveryId, (id, runs) -> runs == 1 ? null : runs - 1);
  }

  /**
   * Every third of the lease, extends the leases of the deliveries running here by a whole lease.
   */
  private void renewLeases() {
    long now = clock.millis();
    if (runningDeliveries.isEmpty()
        || now - leasesRenewedAt < options.lease().dividedBy(3).toMillis()) {
      return;
    }
    deliveries.renewLeases(
        nodeId, List.copyOf(runningDeliveries.keySet()), clock.instant().plus(options.lease()));
    leasesRenewedAt = now;
  }

  private void pause() {
    try {
      Thread.sleep(options.pollInterval().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How many sagas run right now. */
  public int running() {
    return running.get();
  }

  @Override
  public void close() {
    open = false;
    wake();
    pool.shutdown();
    try {
      poller.join(options.pollInterval().toMillis() + 1_000);
      if (!pool.awaitTermination(options.grace().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "{} sagas still running after the grace period; their leases are given back",
            running.get());
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    }
    try {
      deliveries.releaseLeases(nodeId);
    } catch (StoreUnavailableException e) {
      LOG.warn(
          "could not give back leases at shutdown; they expire by themselves: {}", e.getMessage());
    }
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
