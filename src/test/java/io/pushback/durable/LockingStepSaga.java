package io.pushback.durable;

import io.pushback.saga.StepSaga;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A two-step saga whose second step takes the store's write lock from outside, as another process
 * could: the steps succeed, but the store cannot record that they did. The lock is taken once, on
 * the first successful run of step 2, and held until {@link #releaseLock()} or, with an {@code
 * outage}, for that long. Optionally the first run of step 2 fails, so that a later run resumes
 * there. Writes {@code "run i"} and {@code "undo i"} to a journal. Thread-safe.
 */
final class LockingStepSaga implements StepSaga {
  private final String name;
  private final Path databaseFile;
  private final boolean failFirstRun;
  private final Optional<Duration> outage;
  private final List<String> journal = new CopyOnWriteArrayList<>();
  private final AtomicInteger secondStepRuns = new AtomicInteger();
  private final AtomicReference<WriteLock> lock = new AtomicReference<>();

  LockingStepSaga(String name, Path databaseFile, boolean failFirstRun, Optional<Duration> outage) {
    this.name = name;
    this.databaseFile = databaseFile;
    this.failFirstRun = failFirstRun;
    this.outage = outage;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Step> steps() {
    return List.of(
        Step.of("step 1", context -> journal.add("run 1"), context -> journal.add("undo 1")),
        Step.of("step 2", context -> secondStep(), context -> journal.add("undo 2")));
  }

  private void secondStep() throws Exception {
    journal.add("run 2");
    int run = secondStepRuns.incrementAndGet();
    if (failFirstRun && run == 1) {
      throw new IllegalStateException("planned failure of the first run of step 2");
    }
    if (lock.get() == null) {
      WriteLock taken = WriteLock.acquire(databaseFile);
      lock.set(taken);
      outage.ifPresent(duration -> endOutageAfter(taken, duration));
    }
  }

  /**
   * The store comes back after {@code duration}: the length of the simulated outage, not a wait for
   * anything.
   */
  private static void endOutageAfter(WriteLock taken, Duration duration) {
    Thread ending =
        new Thread(
            () -> {
              try {
                Thread.sleep(duration.toMillis());
                taken.close();
              } catch (Exception e) {
                throw new IllegalStateException("could not end the simulated outage", e);
              }
            },
            "outage");
    ending.setDaemon(true);
    ending.start();
  }

  /** Gives back the lock the second step took, if it did. */
  void releaseLock() throws Exception {
    WriteLock held = lock.get();
    if (held != null) {
      held.close();
    }
  }

  List<String> journal() {
    return List.copyOf(journal);
  }
}
