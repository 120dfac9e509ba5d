package io.pushback.saga;

import java.util.List;
import java.util.Objects;

/**
 * A saga declared as ordered steps, each with an optional compensating action. Pushback stores
 * progress per delivery: after a crash the run resumes at the step that did not finish, and when
 * the delivery fails for good the steps that completed are compensated in reverse order.
 *
 * <p>Steps must be idempotent: a step that was running when the process died is run again, and so
 * is a step whose completion could not be recorded. Compensations must be idempotent too.
 */
public interface StepSaga extends Saga {
  /** One step: its action, and what undoes it. */
  record Step(String name, Action action, Action compensation) {
    public Step {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(compensation, "compensation");
    }

    /** A step that needs no compensation. */
    public static Step of(String name, Action action) {
      return new Step(name, action, context -> {});
    }

    /** A step with a compensating action. */
    public static Step of(String name, Action action, Action compensation) {
      return new Step(name, action, compensation);
    }
  }

  /** The work of a step or of its compensation. */
  @FunctionalInterface
  interface Action {
    void run(SagaContext context) throws Exception;
  }

  /** The steps, in order; the same list on every call. */
  List<Step> steps();

  /**
   * Runs every step in order, without stored progress; Pushback itself runs steps one by one
   * instead.
   */
  @Override
  default void run(SagaContext context) throws Exception {
    for (Step step : steps()) {
      step.action().run(context);
    }
  }
}
