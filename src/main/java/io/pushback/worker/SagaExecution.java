package io.pushback.worker;

import io.pushback.delivery.DeliveryLog;
import io.pushback.delivery.DeliveryProgress;
import io.pushback.delivery.DeliveryStore;
import io.pushback.delivery.Outcome;
import io.pushback.endpoint.StoreUnavailableException;
import io.pushback.metrics.PushbackMetrics;
import io.pushback.saga.Saga;
import io.pushback.saga.SagaContext;
import io.pushback.saga.SagaRegistry;
import io.pushback.saga.StepSaga;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the saga of one stored delivery and records how it ended. A {@link StepSaga} runs from the
 * first step not yet completed, recording each completed step before the next starts. A failure is
 * retried later when {@code retry} allows it; otherwise it is final, and the completed steps are
 * compensated in reverse order. The store failing to record progress or the outcome is not the
 * saga's failure: it is thrown as {@link StoreUnavailableException} and nothing is decided, so the
 * delivery stays pending under its lease. Each run ends with one {@link DeliveryLog} line and is
 * timed as {@value PushbackMetrics#SAGA}. Thread-safe.
 */
public final class SagaExecution {
  private static final Logger LOG = LoggerFactory.getLogger(SagaExecution.class);

  /** How a run ended. */
  public enum Result {
    SUCCEEDED,
    /** Failed; will run again later. */
    RETRYING,
    /** Failed for good. */
    FAILED,
    /**
     * A worker's run was interrupted because the node is stopping: nothing was recorded, the
     * delivery stays pending and the worker gives its lease back, so another node runs it at once.
     */
    INTERRUPTED
  }

  private final SagaRegistry sagas;
  private final DeliveryStore deliveries;
  private final DeliveryLog log;
  private final PushbackMetrics metrics;
  private final Clock clock;

  public SagaExecution(
      SagaRegistry sagas,
      DeliveryStore deliveries,
      DeliveryLog log,
      PushbackMetrics metrics,
      Clock clock) {
    this.sagas = sagas;
    this.deliveries = deliveries;
    this.log = log;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Runs the saga for the delivery in {@code context}. Throws {@link StoreUnavailableException}
   * when the store cannot record the run's progress or outcome.
   *
   * @param completedSteps steps of a step saga already completed by earlier runs
   * @param attempts runs already made
   * @param retry the retry policy, or empty when a failure is final at once (sync endpoints)
   * @param finalOutcome the outcome of a final failure: {@code failed} (sync) or {@code dead}
   *     (async)
   */
  public Result execute(
      SagaContext context,
      int completedSteps,
      int attempts,
      Optional<RetryPolicy> retry,
      Outcome finalOutcome) {
    return execute(context, deliveries, completedSteps, attempts, retry, finalOutcome);
  }

  /** As above, writing the run's progress and outcome to {@code progress}. */
  public Result execute(
      SagaContext context,
      DeliveryProgress progress,
      int completedSteps,
      int attempts,
      Optional<RetryPolicy> retry,
      Outcome finalOutcome) {
    long started = System.nanoTime();
    Result result = run(context, progress, completedSteps, attempts, retry, finalOutcome, started);
    metrics.saga(
        context.endpoint().saga(),
        result.name().toLowerCase(Locale.ROOT),
        System.nanoTime() - started);
    return result;
  }

  /** Whether saga {@code name} is a {@link StepSaga}, whose progress is kept step by step. */
  public boolean runsInSteps(String name) {
    return sagas.find(name).filter(StepSaga.class::isInstance).isPresent();
  }

  private Result run(
      SagaContext context,
      DeliveryProgress progress,
      int completedSteps,
      int attempts,
      Optional<RetryPolicy> retry,
      Outcome finalOutcome,
      long started) {
    long id = context.deliveryId();
    String name = context.endpoint().saga();
    int run = attempts + 1;
    Optional<Saga> saga = sagas.find(name);
    String failure;
    int done = completedSteps;
    if (saga.isEmpty()) {
      failure = "saga '" + name + "' is not registered";
    } else {
      try {
        if (saga.get() instanceof StepSaga stepSaga) {
          done = runSteps(stepSaga, context, progress, completedSteps);
        } else {
          saga.get().run(context);
        }
        failure = null;
      } catch (StepFailure e) {
        if (retry.isPresent() && stoppedBy(e.getCause())) {
          return interrupted(id, name);
        }
        done = e.completed;
        failure = describe(name, e.getCause());
        LOG.warn("saga '{}' failed on delivery {} at step {}", name, id, done + 1, e.getCause());
      } catch (StoreUnavailableException e) {
        // Recording a completed step failed: the store failed, not the saga, and nothing may be
        // compensated.
        throw e;
      } catch (Exception e) {
        if (retry.isPresent() && stoppedBy(e)) {
          return interrupted(id, name);
        }
        failure = describe(name, e);
        LOG.warn("saga '{}' failed on delivery {}", name, id, e);
      }
      if (failure == null) {
        progress.finish(id, Outcome.SUCCEEDED, 200, Optional.empty(), context.result());
        logOutcome(context, Outcome.SUCCEEDED, 200, run, started, "");
        return Result.SUCCEEDED;
      }
    }
    if (retry.isPresent() && retry.get().allowsAnotherAfter(run)) {
      Instant next = clock.instant().plus(retry.get().delayAfter(run));
      progress.retryLater(id, next, failure);
      logOutcome(context, Outcome.PENDING, 500, run, started, failure + "; retry at " + next);
      return Result.RETRYING;
    }
    if (saga.isPresent() && saga.get() instanceof StepSaga stepSaga) {
      compensate(stepSaga, context, progress, done);
    }
    progress.finish(id, finalOutcome, 500, Optional.of(failure), context.result());
    logOutcome(context, finalOutcome, 500, run, started, failure);
    return Result.FAILED;
  }

  private void logOutcome(
      SagaContext context, Outcome outcome, int status, int run, long started, String reason) {
    log.outcome(
        context.deliveryId(),
        context.endpoint().id(),
        context.endpoint().saga(),
        outcome,
        status,
        run,
        Duration.ofNanos(System.nanoTime() - started),
        reason);
  }

  private int runSteps(
      StepSaga saga, SagaContext context, DeliveryProgress progress, int completedSteps)
      throws StepFailure {
    List<StepSaga.Step> steps = saga.steps();
    for (int i = completedSteps; i < steps.size(); i++) {
      try {
        steps.get(i).action().run(context);
      } catch (Exception e) {
        throw new StepFailure(i, e);
      }
      progress.completeSteps(context.deliveryId(), i + 1);
    }
    return steps.size();
  }

  /**
   * Undoes the first {@code completed} steps, last first; a compensation that fails is logged and
   * the rest still run.
   */
  private void compensate(
      StepSaga saga, SagaContext context, DeliveryProgress progress, int completed) {
    List<StepSaga.Step> steps = saga.steps();
    for (int i = Math.min(completed, steps.size()) - 1; i >= 0; i--) {
      StepSaga.Step step = steps.get(i);
      try {
        step.compensation().run(context);
      } catch (Exception e) {
        LOG.error(
            "compensation of step '{}' failed on delivery {}",
            step.name(),
            context.deliveryId(),
            e);
      }
    }
    progress.completeSteps(context.deliveryId(), 0);
  }

  /**
   * Whether a worker's run ended because the node is stopping (its pool interrupts running sagas
   * after the grace period) rather than because the saga failed.
   */
  private static boolean stoppedBy(Throwable failure) {
    return failure instanceof InterruptedException || Thread.currentThread().isInterrupted();
  }

  private static Result interrupted(long id, String saga) {
    LOG.info(
        "saga '{}' on delivery {} was interrupted by shutdown; it stays pending for another run",
        saga,
        id);
    Thread.currentThread().interrupt();
    return Result.INTERRUPTED;
  }

  private static String describe(String saga, Throwable failure) {
    return "saga '" + saga + "' failed: " + failure.getClass().getName();
  }

  /** A step threw; {@code completed} steps had completed before it. */
  private static final class StepFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int completed;

    StepFailure(int completed, Exception cause) {
      super(cause);
      this.completed = completed;
    }
  }
}
