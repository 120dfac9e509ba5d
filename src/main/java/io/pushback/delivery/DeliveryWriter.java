package io.pushback.delivery;

import io.pushback.auth.PushbackException;
import io.pushback.endpoint.Database;
import io.pushback.endpoint.DuplicateException;
import io.pushback.endpoint.KeptConnection;
import io.pushback.endpoint.StoreUnavailableException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
 * fail its neighbours.
 *
 * <p>The writer keeps one connection of its own and the statements prepared on it ({@link
 * KeptConnection}), so the hot writes cost neither a pool borrow nor a statement preparation; after
 * any failure it starts again on a fresh connection. Thread-safe.
 */
public final class DeliveryWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWriter.class);
  private static final int MAX_BATCH = 256;

  /** Work for the writer's open transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Batch batch) throws SQLException;
  }

  /**
   * The writer's open transaction, handed to {@link Work}: valid only while that work runs, on the
   * writer's thread.
   */
  public interface Batch {
    /** The handle whose transaction this is. */
    Handle handle();

    /**
     * {@code sql} prepared on the writer's connection, kept for the next batches; its parameters
     * are cleared. Do not close it.
     */
    PreparedStatement prepared(String sql) throws SQLException;
  }

  private final Database database;
  private final Duration timeout;
  private final BlockingQueue<Write<?>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Session session;
  private volatile boolean open = true;

  /**
   * A writer whose callers wait at most {@code timeout} for their commit before the store counts as
   * unavailable.
   */
  public DeliveryWriter(Database database, Duration timeout) {
    this.database = database;
    this.timeout = timeout;
    this.session = new Session();
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
    return writeStatements(batch -> work.withHandle(batch.handle()));
  }

  /** As {@link #write(HandleCallback)}, for work on the writer's kept statements. */
  public <T> T writeStatements(Work<T> work) {
    CompletableFuture<T> result = submit(work);
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      result.cancel(false);
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

  /**
   * Queues {@code work} for the next batch without waiting for it: the future completes once the
   * batch holding it committed, or exceptionally as {@link #write} would throw.
   */
  public <T> CompletableFuture<T> submit(Work<T> work) {
    if (!open) {
      return CompletableFuture.failedFuture(
          new StoreUnavailableException("the delivery writer is closed", null));
    }
    Write<T> write = new Write<>(work);
    queue.add(write);
    return write.result;
  }

  private void run() {
    List<Write<?>> batch = new ArrayList<>(MAX_BATCH);
    try {
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
    } finally {
      session.discard();
    }
  }

  private void commit(List<Write<?>> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      session.commit(batch).forEach(Runnable::run);
    } catch (RuntimeException batchFailure) {
      if (batch.size() == 1) {
        batch.get(0).result.completeExceptionally(batchFailure);
        return;
      }
      // One bad write must not fail the others: retry each alone.
      for (Write<?> write : batch) {
        try {
          session.commit(List.of(write)).forEach(Runnable::run);
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

  /** The writer thread's connection and its prepared statements. Used by that thread only. */
  private final class Session implements Batch {
    private final KeptConnection connection = new KeptConnection(database);

    /**
     * Runs {@code writes} in one transaction; returns their completions, to run once it committed.
     */
    List<Runnable> commit(List<Write<?>> writes) {
      try {
        return connection
            .handle()
            .inTransaction(
                h -> {
                  List<Runnable> completions = new ArrayList<>(writes.size());
                  for (Write<?> write : writes) {
                    completions.add(write.runIn(this));
                  }
                  return completions;
                });
      } catch (RuntimeException e) {
        // The connection may be broken: the next batch starts on a fresh one.
        discard();
        throw e instanceof PushbackException ? e : Database.translated("id", e);
      }
    }

    @Override
    public Handle handle() {
      return connection.handle();
    }

    @Override
    public PreparedStatement prepared(String sql) throws SQLException {
      return connection.prepared(sql);
    }

    void discard() {
      connection.close();
    }
  }

  private static final class Write<T> {
    private final Work<T> work;
    private final CompletableFuture<T> result = new CompletableFuture<>();

    Write(Work<T> work) {
      this.work = work;
    }

    /** Runs the work; the returned completion is run only once the transaction committed. */
    Runnable runIn(Batch batch) {
      T value;
      try {
        value = work.run(batch);
      } catch (SQLException e) {
        throw Database.translated("id", e);
      }
      return () -> result.complete(value);
    }
  }
}
