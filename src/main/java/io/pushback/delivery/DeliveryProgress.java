package io.pushback.delivery;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a saga run writes its progress and how it ended: by default the delivery's stored row
 * ({@link DeliveryStore}); for a sync delivery written only once its saga ran, the row written
 * then. Each call returns once committed.
 */
public interface DeliveryProgress {
  /** Records how a saga run ended for good, counting the attempt and releasing any lease. */
  void finish(
      long id, Outcome outcome, int status, Optional<String> reason, Optional<String> sagaResult);

  /** Counts a failed attempt and schedules the next at {@code next}, releasing the lease. */
  void retryLater(long id, Instant next, String reason);

  /** Records that the first {@code steps} steps of the delivery's step saga completed. */
  void completeSteps(long id, int steps);
}
