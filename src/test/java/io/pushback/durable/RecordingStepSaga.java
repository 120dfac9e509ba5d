package io.pushback.durable;

import io.pushback.saga.StepSaga;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A step saga of steps {@code 1..n}, each with a compensation, that writes {@code "run i"} and
 * {@code "undo i"} to a journal in the order they happen; step {@code failingStep} (0 for none)
 * fails every time. Thread-safe.
 */
final class RecordingStepSaga implements StepSaga {
  private final String name;
  private final List<Step> steps;
  private final List<String> journal = new CopyOnWriteArrayList<>();

  RecordingStepSaga(String name, int stepCount, int failingStep) {
    this.name = name;
    List<Step> declared = new ArrayList<>();
    for (int i = 1; i <= stepCount; i++) {
      int step = i;
      declared.add(
          Step.of(
              "step " + step,
              context -> {
                journal.add("run " + step);
                if (step == failingStep) {
                  throw new IllegalStateException("planned failure of step " + step);
                }
              },
              context -> journal.add("undo " + step)));
    }
    this.steps = List.copyOf(declared);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Step> steps() {
    return steps;
  }

  /** What ran and what was undone, in order. */
  List<String> journal() {
    return List.copyOf(journal);
  }
}
