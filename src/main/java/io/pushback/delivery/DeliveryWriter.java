package io.pushback.delivery;

import io.pushback.endpoint.Database;
import io.pushback.endpoint.DuplicateException;
import io.pushback.endpoint.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one writer thread takes every waiting write off a queue and commits them in one
 * transaction, then wakes each caller. A caller returns only after the transaction holding its
 * write committed, so durability (one fsync per transaction) is paid once per batch instead of once
 * per request. A batch that fails is retried one write per transaction, so one bad write cannot
 * fail its neighbours. Thread-safe.
 */
public final class DeliveryWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWriter.class);
  private static final int MAX_BATCH = 256;

  private final Database database;
  private final Duration timeout;
  private final BlockingQueue<Write<?>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean open = true;

  /**
   * A writer whose callers wait at most {@code timeout} for their commit before the store counts as
   * unavailable.
   */
  public DeliveryWriter(Database database, Duration timeout) {
    this.database = database;
    this.timeout = timeout;
    this.thread = new Thread(this::run, "pushback-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Runs {@code work} in the next batch and returns its result once committed. Throws {@link
   * StoreUnavailableException} when the batch failed or did not commit in time (the write may still
   * commit later), and {@link DuplicateException} when {@code work} broke a unique key.
   */
  public <T> T write(HandleCallback<T, RuntimeException> work) {
    if (!open) {
      throw new StoreUnavailableException("the delivery writer is closed", null);
    }
    Write<T> write = new Write<>(work);
    queue.add(write);
    try {
      return write.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      write.result.cancel(false);
      throw new StoreUnavailableException("no commit within " + timeout.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting for a commit", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new StoreUnavailableException("the write failed", e.getCause());
    } catch (CancellationException e) {
      throw new StoreUnavailableException("the write was cancelled", e);
    }
  }

  private void run() {
    List<Write<?>> batch = new ArrayList<>(MAX_BATCH);
    while (open || !queue.isEmpty()) {
      try {
        Write<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        batch.removeIf(write -> write.result.isCancelled());
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("the delivery writer failed a batch of {}", batch.size(), e);
        batch.forEach(write -> write.result.completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<Write<?>> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<Runnable> completions = new ArrayList<>(batch.size());
    try {
      database.inTransaction(
          handle -> {
            completions.clear();
            for (Write<?> write : batch) {
              completions.add(write.runIn(handle));
            }
            return null;
          });
      completions.forEach(Runnable::run);
    } catch (RuntimeException batchFailure) {
      if (batch.size() == 1) {
        batch.get(0).result.completeExceptionally(batchFailure);
        return;
      }
      // One bad write must not fail the others: retry each alone.
      for (Write<?> write : batch) {
        try {
          Runnable completion = database.inTransaction(write::runIn);
          completion.run();
        } catch (RuntimeException e) {
          write.result.completeExceptionally(e);
        }
      }
    }
  }

  /** Stops taking writes, commits what is queued, and stops the thread. */
  @Override
  public void close() {
    open = false;
    try {
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class Write<T> {
    private final HandleCallback<T, RuntimeException> work;
    private final CompletableFuture<T> result = new CompletableFuture<>();

    Write(HandleCallback<T, RuntimeException> work) {
      this.work = work;
    }

    /** Runs the work; the returned completion is run only once the transaction committed. */
    Runnable runIn(Handle handle) {
      T value = work.withHandle(handle);
      return () -> result.complete(value);
    }
  }
}
