package io.pushback.crash;

import io.pushback.saga.SagaContext;
import io.pushback.saga.StepSaga;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Step saga {@code steps} of three steps, each appending {@code <step> <delivery id>} to a file.
 * Step 2 first appends {@code step2-started <id>}; while the marker file exists it then blocks for
 * good, so that a test can kill the process in the middle of it.
 */
final class BlockingStepSaga implements StepSaga {
  static final String NAME = "steps";
  static final String STEP1 = "step1";
  static final String STEP2_STARTED = "step2-started";
  static final String STEP2 = "step2";
  static final String STEP3 = "step3";

  private final LineFile log;
  private final Path blockMarker;
  private final CountDownLatch never = new CountDownLatch(1);
  private final List<Step> steps;

  BlockingStepSaga(LineFile log, Path blockMarker) {
    this.log = log;
    this.blockMarker = blockMarker;
    this.steps =
        List.of(
            Step.of(STEP1, context -> record(STEP1, context)),
            Step.of(STEP2, this::secondStep),
            Step.of(STEP3, context -> record(STEP3, context)));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Step> steps() {
    return steps;
  }

  private void secondStep(SagaContext context) throws Exception {
    record(STEP2_STARTED, context);
    if (Files.exists(blockMarker)) {
      never.await();
    }
    record(STEP2, context);
  }

  private void record(String event, SagaContext context) throws Exception {
    log.append(event + " " + context.deliveryId());
  }
}
