package io.pushback.durable;

import io.pushback.saga.Saga;
import io.pushback.saga.SagaContext;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A saga that takes {@code work} to run, standing for a slow call to another system: it tells when
 * a run starts and counts the runs that finished. The wait is the saga's own workload, not a test
 * waiting for something; an interrupt ends it early, as it would a blocking call. Thread-safe.
 */
final class SlowSaga implements Saga {
  private final String name;
  private final Duration work;
  private final CountDownLatch started = new CountDownLatch(1);
  private final AtomicInteger finished = new AtomicInteger();

  SlowSaga(String name, Duration work) {
    this.name = name;
    this.work = work;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void run(SagaContext context) throws InterruptedException {
    started.countDown();
    Thread.sleep(work.toMillis());
    finished.incrementAndGet();
  }

  /** Waits until a run has started; false when none did within {@code timeout}. */
  boolean awaitStart(Duration timeout) throws InterruptedException {
    return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** How many runs finished their work. */
  int finished() {
    return finished.get();
  }
}
